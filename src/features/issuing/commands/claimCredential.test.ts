import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../../testing/factories.ts';
import { ManualClock, DAY, HOUR } from '../../../domain/clock.ts';
import { silentLogger } from '../../../logger.ts';
import { enqueueJob } from '../../../jobs/queue.ts';
import { allJobs, allSchedules } from '../../../main/jobRegistry.ts';
import { remindUnclaimedJob } from '../jobs/claimJobs.ts';
import { sendUnclaimedReminders } from '../jobTypes.ts';
import { outboxOnlyMailer } from '../../../mail/mailer.ts';
import { claimOfferMail, claimReminderMail } from '../mail.tsx';
import type { Storage } from '../../../storage/database.ts';
import { issueCredential } from './issueCredential.ts';
import { issueSuppliedCredential } from './issueSuppliedCredential.ts';
import { verifyWithCairn } from '../../verification/commands/verifyCredential.ts';
import {
  CLAIM_LINK_DAYS,
  decideClaim,
  decideClaimWithToken,
  findClaimByToken,
  pendingClaimsFor,
} from './claimCredential.ts';
import { remindUnclaimed, renewClaimLink } from './claimLinks.ts';

async function setup(storage: Storage, start = new Date()) {
  const clock = new ManualClock(start);
  const config = testConfig();
  const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
  const org = await buildOrganisation(storage.db, { kind: 'issuer', name: `Council ${unique('')}` });
  const staff = await buildUser(storage.db);
  await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
  const actor = { organisationId: org.id, userId: staff.id, ip: null };
  const issue = (email: string, name = 'Restorative Practice') =>
    issueCredential(deps, {
      actor: actor,
      organisationId: actor.organisationId,
      recipient: { email },
      achievement: {
        id: `https://cairn.test/a/${unique('')}`,
        name,
        description: 'Leads restorative circles.',
        criteria: { narrative: 'Peer-reviewed.' },
      },
    });
  return { clock, config, deps, org, staff, actor, issue };
}

const claimOf = (storage: Storage, publicId: string) =>
  storage.db
    .selectFrom('credential_claims as cl')
    .innerJoin('credentials as cr', 'cr.id', 'cl.credential_id')
    .selectAll('cl')
    .where('cr.public_id', '=', publicId)
    .executeTakeFirst();

const tokenOf = (link: string | null) => {
  const m = /\/claim\/([\w-]+)$/.exec(link ?? '');
  assert.ok(m, `a claim link: ${link}`);
  return m[1]!;
};

for (const backend of testBackends()) {
  describe(`claiming issued badges (${backend.name})`, () => {
    test('issuing to an email creates a pending claim and queues the claim email in the same transaction; a DID-only credential gets none', async () => {
      const storage = await backend.storage();
      const { clock, deps, actor, issue, org } = await setup(storage);
      const email = `${unique('earner')}@example.org`;
      const issued = await issue(email);
      const claim = await claimOf(storage, issued.publicId);
      assert.equal(claim?.state, 'pending');
      assert.equal(claim?.user_id, null);
      assert.equal(claim?.expires_at.getTime(), clock.now().getTime() + CLAIM_LINK_DAYS * DAY);
      const { mail, link } = await lastMailTo(storage.db, email);
      assert.equal(mail?.template, 'claim_offer');
      assert.equal(mail?.organisation_id, org.id);
      assert.match(mail?.subject ?? '', new RegExp(`awarded you Restorative Practice`));
      assert.match(link ?? '', /^http:\/\/cairn\.test\/claim\/[\w-]{43}$/);
      assert.notEqual(claim?.token_hash, tokenOf(link), 'only the hash is stored');
      const found = await findClaimByToken(storage.db, tokenOf(link), clock.now());
      assert.deepEqual(
        [found?.credentialPublicId, found?.recipientEmail, found?.issuerName, found?.expired],
        [issued.publicId, email, org.name, false],
      );
      const audit = await storage.db
        .selectFrom('audit_events')
        .select(['action', 'actor_user_id'])
        .where('subject_id', '=', issued.publicId)
        .where('action', '=', 'claim.offered')
        .execute();
      assert.deepEqual(audit, [{ action: 'claim.offered', actor_user_id: actor.userId }]);

      const byDid = await issueSuppliedCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        credential: {
          '@context': [
            'https://www.w3.org/ns/credentials/v2',
            'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          ],
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          name: 'By DID',
          credentialSubject: {
            id: 'did:example:holder',
            type: ['AchievementSubject'],
            achievement: {
              id: 'https://cairn.test/a/did',
              type: ['Achievement'],
              name: 'By DID',
              description: 'x',
              criteria: { narrative: 'y' },
            },
          },
        },
      });
      assert.equal(await claimOf(storage, byDid.publicId), undefined);
    });

    test('a badge sent to a secondary confirmed address is pending for that account only, and can be accepted without the link', async () => {
      const storage = await backend.storage();
      const { deps, issue } = await setup(storage);
      const earner = await buildUser(storage.db, { name: 'Maya' });
      const school = `${unique('maya-school')}@example.org`;
      await storage.db
        .insertInto('user_emails')
        .values({ user_id: earner.id, email: school, confirmed_at: new Date() })
        .execute();
      const unconfirmed = `${unique('maya-old')}@example.org`;
      await storage.db.insertInto('user_emails').values({ user_id: earner.id, email: unconfirmed }).execute();
      const other = await buildUser(storage.db);
      const a = await issue(school, 'Wait Time');
      const b = await issue(unconfirmed, 'Questioning');
      assert.match(
        (await lastMailTo(storage.db, school)).mail?.text_body ?? '',
        /^Hello Maya,/,
        'the account holder is greeted by name',
      );

      const pending = await pendingClaimsFor(storage.db, earner.id);
      assert.deepEqual(
        pending.map((p) => [p.credentialPublicId, p.badgeName, p.recipientEmail]),
        [[a.publicId, 'Wait Time', school]],
        'only confirmed addresses count',
      );
      assert.deepEqual(await pendingClaimsFor(storage.db, other.id), []);

      // Another account cannot take it, and learns nothing about it.
      await assert.rejects(
        decideClaim(deps, {
          actor: { userId: other.id, ip: null },
          credential: a.publicId,
          decision: 'accept',
        }),
        (e: Error & { code?: string }) => e.code === 'not_found',
      );
      await assert.rejects(
        decideClaim(deps, {
          actor: { userId: earner.id, ip: null },
          credential: b.publicId,
          decision: 'accept',
        }),
        (e: Error & { code?: string }) => e.code === 'not_found',
        'an unconfirmed address is not proof',
      );
      assert.equal((await claimOf(storage, a.publicId))?.state, 'pending');

      const accepted = await decideClaim(deps, {
        actor: { userId: earner.id, ip: '203.0.113.9' },
        credential: a.publicId,
        decision: 'accept',
      });
      assert.equal(accepted.state, 'accepted');
      const row = await claimOf(storage, a.publicId);
      assert.equal(row?.state, 'accepted');
      assert.equal(row?.user_id, earner.id);
      assert.ok(row?.decided_at);
      assert.deepEqual(await pendingClaimsFor(storage.db, earner.id), []);
      await assert.rejects(
        decideClaim(deps, {
          actor: { userId: earner.id, ip: null },
          credential: a.publicId,
          decision: 'decline',
        }),
        /already accepted/,
      );
      const audit = await storage.db
        .selectFrom('audit_events')
        .select(['action', 'actor_user_id', 'ip'])
        .where('subject_id', '=', a.publicId)
        .where('action', 'like', 'claim.%')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((x) => x.action),
        ['claim.offered', 'claim.accepted'],
      );
      assert.equal(audit[1]?.actor_user_id, earner.id);
    });

    test('an expired link is refused, links to a fresh one (old links die), and the account path still works after expiry', async () => {
      const storage = await backend.storage();
      const { clock, deps, issue } = await setup(storage);
      const earner = await buildUser(storage.db);
      const issued = await issue(earner.email);
      const token = tokenOf((await lastMailTo(storage.db, earner.email)).link);
      assert.equal(
        await renewClaimLink(deps, { actor: { userId: null, ip: null }, token: token }),
        null,
        'a working link is not renewed',
      );
      clock.advance(CLAIM_LINK_DAYS * DAY + HOUR);
      assert.equal((await findClaimByToken(storage.db, token, clock.now()))?.expired, true);
      await assert.rejects(
        decideClaimWithToken(deps, {
          actor: { userId: earner.id, ip: null },
          token: token,
          decision: 'accept',
        }),
        /expired/,
      );
      assert.deepEqual(await renewClaimLink(deps, { actor: { userId: null, ip: null }, token: token }), {
        email: earner.email,
      });
      const fresh = tokenOf((await lastMailTo(storage.db, earner.email)).link);
      assert.notEqual(fresh, token);
      assert.equal(await findClaimByToken(storage.db, token, clock.now()), undefined, 'the old link is gone');
      await assert.rejects(
        renewClaimLink(deps, { actor: { userId: null, ip: null }, token: token }),
        (e: Error & { code?: string }) => e.code === 'token_invalid',
      );
      assert.equal((await findClaimByToken(storage.db, fresh, clock.now()))?.expired, false);
      // The account path never depended on the link.
      assert.equal((await pendingClaimsFor(storage.db, earner.id)).length, 1);
      await decideClaim(deps, {
        actor: { userId: earner.id, ip: null },
        credential: issued.publicId,
        decision: 'decline',
      });
      await assert.rejects(
        decideClaimWithToken(deps, { actor: { userId: null, ip: null }, token: fresh, decision: 'decline' }),
        /already declined/,
      );
    });

    test('one reminder exactly 7 days after issue, through the scheduled job; never for decided or expired claims', async () => {
      const storage = await backend.storage();
      const start = new Date(Date.now() + 400 * DAY); // after every other suite's claims, so they do not interfere with counts
      const { clock, deps, issue } = await setup(storage, start);
      const waiting = `${unique('waiting')}@example.org`;
      const decided = `${unique('decided')}@example.org`;
      await issue(waiting);
      const firstToken = tokenOf((await lastMailTo(storage.db, waiting)).link);
      await issue(decided);
      const otherToken = tokenOf((await lastMailTo(storage.db, decided)).link);
      await decideClaimWithToken(deps, {
        actor: { userId: null, ip: null },
        token: otherToken,
        decision: 'decline',
      });
      const reminders = async (to: string) =>
        storage.db
          .selectFrom('mail_outbox')
          .selectAll()
          .where('to_address', '=', to)
          .where('template', '=', 'claim_reminder')
          .execute();

      clock.advance(7 * DAY - 1000);
      await remindUnclaimed(deps);
      assert.equal((await reminders(waiting)).length, 0, 'not before 7 days');
      clock.advance(1000);
      // The scheduled job's handler does the sweep (run directly: a worker tick would also move shared schedules).
      await enqueueJob(
        storage.db,
        sendUnclaimedReminders.type,
        { schedule: 'claims-remind', slot: unique('slot') },
        clock.now(),
      );
      const job = await storage.db
        .selectFrom('jobs')
        .selectAll()
        .where('type', '=', sendUnclaimedReminders.type)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await remindUnclaimedJob.handle(remindUnclaimedJob.payload.parse(job.payload), {
        ...deps,
        logger: silentLogger,
        mailer: outboxOnlyMailer,
        job,
      });
      await storage.db.deleteFrom('jobs').where('id', '=', job.id).execute();
      await remindUnclaimed(deps);
      clock.advance(DAY);
      await remindUnclaimed(deps);
      const sent = await reminders(waiting);
      assert.equal(sent.length, 1, 'exactly once');
      assert.match(sent[0]!.subject, /Reminder: your badge Restorative Practice is waiting/);
      assert.equal((await reminders(decided)).length, 0, 'a declined badge gets no reminder');
      const reminderToken = tokenOf(sent[0]!.text_body.match(/https?:\/\/\S+\/claim\/[\w-]+/)?.[0] ?? null);
      assert.notEqual(reminderToken, firstToken);
      assert.equal(
        (await findClaimByToken(storage.db, reminderToken, clock.now()))?.state,
        'pending',
        'the reminder link works',
      );
      assert.equal(
        (await findClaimByToken(storage.db, firstToken, clock.now()))?.state,
        'pending',
        'and so does the first one',
      );
      const audit = await storage.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', 'claim.reminded')
        .where('data', '@>', JSON.stringify({ recipient: waiting }) as never)
        .execute();
      assert.equal(audit.length, 1);

      // A claim whose link expired before anyone swept is not reminded.
      const late = `${unique('late')}@example.org`;
      await issue(late);
      clock.advance(CLAIM_LINK_DAYS * DAY + 1000);
      await remindUnclaimed(deps);
      assert.equal((await reminders(late)).length, 0);
      assert.ok(allJobs.some((j) => j.type === sendUnclaimedReminders.type));
      assert.ok(allSchedules.some((s) => s.jobType === sendUnclaimedReminders.type));
    });

    test('verification never depends on the claim: pending and declined credentials verify', async () => {
      const storage = await backend.storage();
      const { deps, issue } = await setup(storage);
      const email = `${unique('v')}@example.org`;
      const issued = await issue(email);
      const verify = async () => {
        const row = await storage.db
          .selectFrom('credentials')
          .select('document')
          .where('public_id', '=', issued.publicId)
          .executeTakeFirstOrThrow();
        return verifyWithCairn(row.document, {
          db: storage.db,
          config: deps.config,
          services: deps.credentials,
          now: deps.clock.now(),
        });
      };
      assert.equal((await verify()).verified, true, 'unclaimed');
      const stranger = await buildUser(storage.db);
      await decideClaimWithToken(deps, {
        actor: { userId: stranger.id, ip: null },
        token: tokenOf((await lastMailTo(storage.db, email)).link),
        decision: 'decline',
      });
      const claim = await claimOf(storage, issued.publicId);
      assert.equal(claim?.state, 'declined');
      assert.equal(
        claim?.user_id,
        null,
        'the link declines; the badge is not tied to an account that does not own the address',
      );
      assert.equal((await verify()).verified, true, 'declined');
    });
  });
}

test('claim emails have a subject, text and HTML with the link, and escape names', () => {
  const link = 'http://cairn.test/claim/abc?x=1&y=2';
  for (const mail of [
    claimOfferMail({
      name: '<b>Zoë</b>',
      badgeName: 'Wait <Time>',
      issuerName: 'Union & Co',
      link,
      expiresInDays: 30,
    }),
    claimReminderMail({
      name: null,
      badgeName: 'Wait <Time>',
      issuerName: 'Union & Co',
      link,
      expiresInDays: 23,
    }),
  ]) {
    assert.ok(mail.text.includes(link));
    assert.ok(mail.html.includes('http://cairn.test/claim/abc?x=1&amp;y=2'));
    assert.doesNotMatch(mail.html, /<b>Zoë<\/b>|Wait <Time>/);
    assert.match(mail.subject, /Wait <Time>/);
  }
});
