import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, testApp, testConfig, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { ManualClock, DAY } from '../../../domain/clock.ts';
import { silentLogger } from '../../../logger.ts';
import { outboxOnlyMailer } from '../../../mail/mailer.ts';
import { Worker } from '../../../jobs/worker.ts';
import { evaluatePathwaysJob } from '../../issuing/jobs/pathwayJobs.ts';
import type { JobDefinition } from '../../../jobs/definition.ts';
import { createMicroCredential } from '../commands/createMicroCredential.ts';
import { publishDraft } from '../commands/publishDraft.ts';
import { updateDraft } from '../commands/updateDraft.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { changeCredentialStatus } from '../../issuing/commands/changeCredentialStatus.ts';
import { createPathway } from '../commands/createPathway.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';
import { pageText } from '../../../testing/pageQueries.ts';

for (const backend of testBackends()) {
  describe(`pathways (${backend.name})`, () => {
    test('progress “1 of 2”, an automatic award when satisfied, and its revocation when a requirement is revoked', async () => {
      const storage = await backend.storage();
      const config = testConfig();
      const clock = new ManualClock(new Date('2026-05-01T00:00:00Z'));
      const deps = { db: storage.db, config, clock, credentials: testCredentialServices() };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer', 'issuing_staff']);
      const actor = { userId: designer.id, ip: null };
      const mc: string[] = [];
      for (const name of ['Core', 'Elective A', 'Elective B']) {
        const { publicId } = await createMicroCredential(deps, {
          actor: actor,
          orgSlug: org.slug,
          title: `${name} ${unique('')}`,
        });
        await updateDraft(deps, {
          actor: actor,
          orgSlug: org.slug,
          microCredentialId: publicId,
          ...completeDesign(name),
        });
        await publishDraft(deps, { actor: actor, orgSlug: org.slug, microCredentialId: publicId });
        mc.push(publicId);
      }
      const requirement = {
        type: 'all',
        items: [
          { type: 'microCredential', id: mc[0] },
          {
            type: 'some',
            count: 1,
            items: [
              { type: 'microCredential', id: mc[1] },
              { type: 'microCredential', id: mc[2] },
            ],
          },
        ],
      };
      await createPathway(deps, {
        actor: actor,
        orgSlug: org.slug,
        name: 'Classroom Management Certificate',
        requirement,
      });
      await assert.rejects(
        createPathway(deps, {
          actor: actor,
          orgSlug: org.slug,
          name: 'Broken',
          requirement: { type: 'microCredential', id: 'mc_other' },
        }),
        (e: unknown) => /does not have/.test((e as { fields: { requirement: string } }).fields.requirement),
      );

      const earner = await buildUser(storage.db);
      const issuer = { organisationId: org.id, userId: designer.id, ip: null };
      const worker = new Worker({
        deps: {
          db: storage.db,
          clock,
          logger: silentLogger,
          mailer: outboxOnlyMailer,
          config,
          credentials: deps.credentials,
        },
        jobs: [evaluatePathwaysJob as JobDefinition<unknown>],
        concurrency: 1,
        pollMs: 20,
      });
      const first = await issueCredential(deps, {
        actor: issuer,
        organisationId: issuer.organisationId,
        recipient: { email: earner.email },
        microCredential: mc[0],
      });
      const subject = first.credential.credentialSubject as { achievement: { id: string; name: string } };
      assert.match(
        subject.achievement.id,
        new RegExp(`/catalog/${org.slug}/[^/]+/v/1$`),
        'the achievement is the catalog version',
      );
      await worker.drain();

      const { app } = testApp(storage);
      const browser = new TestBrowser(app);
      await browser.post('/login', { email: earner.email, password: earner.password });
      const progress = async () =>
        (
          (await browser.getJson('/api/v1/me/pathways')).body as {
            pathways: Array<{ progress: { done: number; needed: number; satisfied: boolean } }>;
          }
        ).pathways[0]?.progress;
      assert.deepEqual(await progress(), { done: 1, needed: 2, satisfied: false, at: null });
      assert.match(
        pageText(await (await browser.get('/profile')).text()),
        /Classroom Management Certificate \([^)]*\):? 1 of 2/,
      );
      const awards = () =>
        storage.db
          .selectFrom('credentials')
          .select(['public_id', 'pathway_id'])
          .where('recipient_email', '=', earner.email)
          .where('pathway_id', 'is not', null)
          .execute();
      assert.equal((await awards()).length, 0);

      clock.advance(DAY);
      const elective = await issueCredential(deps, {
        actor: issuer,
        organisationId: issuer.organisationId,
        recipient: { email: earner.email },
        microCredential: mc[2],
      });
      await worker.drain();
      assert.equal((await progress())?.satisfied, true);
      const [award] = await awards();
      assert.ok(award, 'the pathway credential was issued automatically');
      await worker.drain();
      assert.equal((await awards()).length, 1, 'evaluating again awards nothing twice');

      await changeCredentialStatus(deps, {
        actor: issuer,
        organisationId: issuer.organisationId,
        credential: elective.publicId,
        action: 'revoke',
        reason: 'Plagiarised evidence',
      });
      await worker.drain();
      const revoked = await storage.db
        .selectFrom('credential_status_events')
        .select(['action', 'reason'])
        .innerJoin('credentials as c', 'c.id', 'credential_status_events.credential_id')
        .where('c.public_id', '=', award.public_id)
        .execute();
      assert.deepEqual(revoked, [
        { action: 'revoked', reason: 'A credential this pathway requires was revoked.' },
      ]);
      assert.deepEqual(await progress(), { done: 1, needed: 2, satisfied: false, at: null });
    });
  });
}
