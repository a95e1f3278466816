import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, loggedIn, testApp, testCredentialServices, testConfig } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../../testing/factories.ts';
import { startSmtpSink } from '../../../testing/smtp.ts';
import { DAY } from '../../../domain/clock.ts';
import { silentLogger } from '../../../logger.ts';
import { Worker } from '../../../jobs/worker.ts';
import type { JobDefinition } from '../../../jobs/definition.ts';
import { deliverMailJob } from '../../../mail/deliverJob.ts';
import { smtpMailer } from '../../../mail/mailer.ts';
import { issueCredential } from '../commands/issueCredential.ts';
import { verifyWithCairn } from '../../verification/commands/verifyCredential.ts';
import { CLAIM_LINK_DAYS } from '../commands/claimCredential.ts';
import type { Storage } from '../../../storage/database.ts';
import {
  byLabel,
  byLabelInForm,
  duplicateIds,
  formOfButton,
  headings,
  pageText,
} from '../../../testing/pageQueries.ts';
import { loadClaimPage } from './claimLoader.ts';
import { loadBadgePage } from './badgeLoader.ts';

const smtp = await startSmtpSink();
after(() => smtp.close());

async function setup(storage: Storage) {
  const { app, clock, config } = testApp(storage);
  const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
  const org = await buildOrganisation(storage.db, { kind: 'issuer', name: `Lakeside Union ${unique('')}` });
  const staff = await buildUser(storage.db);
  await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
  const issue = (email: string, name = 'Wait Time') =>
    issueCredential(deps, {
      actor: { userId: staff.id, ip: null },
      organisationId: org.id,
      recipient: { email },
      achievement: {
        id: `https://cairn.test/a/${unique('')}`,
        name,
        description: 'Uses wait time well.',
        criteria: { narrative: 'Peer-reviewed video.' },
      },
    });
  const claimState = async (publicId: string) =>
    storage.db
      .selectFrom('credential_claims as cl')
      .innerJoin('credentials as cr', 'cr.id', 'cl.credential_id')
      .select(['cl.state', 'cl.user_id'])
      .where('cr.public_id', '=', publicId)
      .executeTakeFirstOrThrow();
  const claimPath = async (email: string) => {
    const { path, mail } = await lastMailTo(storage.db, email);
    assert.equal(mail?.template, 'claim_offer');
    assert.match(path ?? '', /^\/claim\/[\w-]+$/);
    return path!;
  };
  /** The claim page's view model, as the person (or nobody) opening the link sees it. */
  const claimModel = (path: string, viewerId: number | null = null) =>
    loadClaimPage(storage.db, { token: path.split('/').pop()!, viewerId, now: clock.now() });
  return { app, clock, config, deps, org, issue, claimState, claimPath, claimModel };
}

for (const backend of testBackends()) {
  describe(`the claim page (${backend.name})`, () => {
    test('the claim email goes out through SMTP; its link lets a new earner sign up with the address prefilled, accept, and never use the link again', async () => {
      const storage = await backend.storage();
      const { app, clock, org, issue, claimState, claimModel } = await setup(storage);
      const email = `${unique('new-earner')}@example.org`;
      const issued = await issue(email);
      const worker = new Worker({
        deps: {
          db: storage.db,
          clock,
          logger: silentLogger,
          mailer: smtpMailer(smtp.url),
          config: testConfig(),
        },
        jobs: [deliverMailJob as JobDefinition<unknown>],
        concurrency: 2,
        pollMs: 20,
      });
      await worker.drain();
      const received = smtp.received.filter((m) =>
        (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(email)),
      );
      assert.equal(received.length, 1);
      assert.match(received[0]!.subject ?? '', /awarded you Wait Time/);
      const link = /http:\/\/cairn\.test(\/claim\/[\w-]+)/.exec(received[0]!.text ?? '');
      assert.ok(link, 'the text part carries the link');
      assert.ok(String(received[0]!.html).includes(`href="${link[0]}"`), 'and the HTML part too');
      const path = link[1]!;

      const browser = new TestBrowser(app);
      assert.deepEqual(await claimModel(path), {
        kind: 'pending',
        claim: {
          credentialPublicId: issued.publicId,
          badgeName: 'Wait Time',
          issuerName: org.name,
          recipientEmail: email,
        },
        signedIn: null,
        hasAccount: false,
      });
      const html = await (await browser.get(path)).text();
      assert.equal(
        byLabelInForm(html, 'Log in', 'Email').value,
        email,
        'the login form has the address prefilled',
      );
      assert.equal(formOfButton(html, 'Log in')?.action, `/login?next=${encodeURIComponent(path)}`);
      const signupEmail = byLabelInForm(html, 'Create account', 'Email');
      assert.deepEqual(
        [signupEmail.value, signupEmail.id],
        [email, 'f-claim-email'],
        'so does the sign-up form',
      );
      assert.deepEqual(duplicateIds(html), [], 'ids are unique');
      // The address has no account: creating one comes first, logging in second.
      assert.deepEqual(headings(html), ['Wait Time', 'Create an account', 'I already have a Cairn account']);

      // A bad password keeps the page, with the error next to the field.
      const bad = await browser.post(`${path}/signup`, { name: 'Noor', password: 'short' });
      assert.equal(bad.status, 422);
      const badHtml = await bad.text();
      assert.match(byLabel(badHtml, 'Password').error ?? '', /10 characters/, 'the error beside the field');
      const signedUp = await browser.post(`${path}/signup`, {
        name: 'Noor',
        password: 'a long enough passphrase',
      });
      assert.equal(signedUp.status, 303);
      assert.equal(signedUp.headers.get('location'), path);
      assert.ok(browser.cookies.has('cairn_session'), 'logged in at once');
      const user = await storage.db
        .selectFrom('user_emails')
        .select(['user_id', 'confirmed_at', 'is_primary'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      assert.ok(user.confirmed_at, 'the link proved the address');
      assert.equal(user.is_primary, true);
      const page = await (await browser.get(path)).text();
      assert.equal(formOfButton(page, 'Accept this badge')?.action, `${path}/accept`);
      assert.equal(formOfButton(page, 'Decline this badge')?.action, `${path}/decline`);
      const mine = await claimModel(path, user.user_id);
      assert.equal(mine.kind === 'pending' && mine.signedIn, 'own', 'the address is the account’s already');
      assert.equal(
        (await claimState(issued.publicId)).state,
        'pending',
        'signing up does not accept by itself',
      );

      const accepted = await browser.post(`${path}/accept`);
      assert.equal(accepted.status, 303);
      assert.equal(accepted.headers.get('location'), `/badges/${issued.publicId}`);
      assert.deepEqual(await claimState(issued.publicId), { state: 'accepted', user_id: user.user_id });

      // Single use.
      const again = await browser.get(path);
      assert.equal(again.status, 410);
      assert.deepEqual(headings(await again.text()), ['This badge was already claimed']);
      assert.equal((await claimModel(path)).kind, 'accepted');
      const reuse = await browser.post(`${path}/decline`);
      assert.equal(reuse.status, 303);
      assert.equal((await claimState(issued.publicId)).state, 'accepted');
      assert.equal(
        (
          await new TestBrowser(app).post(`${path}/signup`, {
            name: 'Eve',
            password: 'another long passphrase',
          })
        ).status,
        410,
      );
      assert.equal((await browser.get('/claim/not-a-real-token')).status, 404);
    });

    test('an existing earner logs in from the claim page and accepts; without CSRF nothing happens', async () => {
      const storage = await backend.storage();
      const { app, issue, claimState, claimPath, claimModel } = await setup(storage);
      const earner = await buildUser(storage.db);
      const issued = await issue(earner.email);
      const path = await claimPath(earner.email);
      const browser = new TestBrowser(app);
      const model = await claimModel(path);
      assert.equal(model.kind === 'pending' && model.hasAccount, true, 'the address has an account');
      const html = await (await browser.get(path)).text();
      assert.ok(pageText(html).includes(`${earner.email} has a Cairn account: log in to accept this badge.`));
      assert.equal(
        formOfButton(html, 'Create account'),
        null,
        'no second account for an address that has one',
      );
      assert.equal(formOfButton(html, 'Log in')?.action, `/login?next=${encodeURIComponent(path)}`);
      const duplicate = await browser.post(`${path}/signup`, {
        name: 'Copy',
        password: 'a long enough passphrase',
      });
      assert.equal(duplicate.status, 409);
      assert.ok(pageText(await duplicate.text()).includes('An account with this email already exists'));
      const refused = await browser.post(`${path}/accept`);
      assert.equal(refused.status, 303, 'logged out: sent back to log in first');
      assert.equal((await claimState(issued.publicId)).state, 'pending');
      const login = await browser.post(`/login?next=${encodeURIComponent(path)}`, {
        email: earner.email,
        password: earner.password,
      });
      assert.equal(login.status, 303);
      assert.equal(login.headers.get('location'), path);
      assert.equal((await browser.post(`${path}/accept`, {}, { csrf: null })).status, 403);
      assert.equal((await claimState(issued.publicId)).state, 'pending');
      assert.equal((await browser.post(`${path}/accept`)).status, 303);
      assert.deepEqual(await claimState(issued.publicId), { state: 'accepted', user_id: earner.id });
      const audit = await storage.db
        .selectFrom('audit_events')
        .select(['action', 'actor_user_id'])
        .where('subject_id', '=', issued.publicId)
        .where('action', '=', 'claim.accepted')
        .execute();
      assert.deepEqual(audit, [{ action: 'claim.accepted', actor_user_id: earner.id }]);
    });

    test('the claim email speaks the language the recipient’s account chose', async () => {
      const storage = await backend.storage();
      const { issue, org } = await setup(storage);
      const earner = await buildUser(storage.db);
      await storage.db.updateTable('users').set({ locale: 'es' }).where('id', '=', earner.id).execute();
      await issue(earner.email, 'Tiempo de espera');
      const { mail } = await lastMailTo(storage.db, earner.email);
      assert.equal(mail?.subject, `${org.name} te ha otorgado Tiempo de espera`);
      const stranger = `${unique('nobody')}@example.org`;
      await issue(stranger);
      assert.equal(
        (await lastMailTo(storage.db, stranger)).mail?.subject,
        `${org.name} awarded you Wait Time`,
      );
    });

    test('declining needs no account, is final, and the credential still verifies', async () => {
      const storage = await backend.storage();
      const { app, deps, issue, claimState, claimPath, claimModel } = await setup(storage);
      const email = `${unique('decliner')}@example.org`;
      const issued = await issue(email);
      const path = await claimPath(email);
      const browser = new TestBrowser(app);
      const res = await browser.post(`${path}/decline`);
      assert.equal(res.status, 303);
      assert.deepEqual(await claimState(issued.publicId), { state: 'declined', user_id: null });
      const page = await browser.get(path);
      assert.equal(page.status, 410);
      assert.deepEqual(headings(await page.text()), ['This badge was declined']);
      assert.equal((await claimModel(path)).kind, 'declined');
      assert.equal(
        (await browser.post(`${path}/signup`, { name: 'Late', password: 'a long enough passphrase' })).status,
        410,
      );
      const doc = await storage.db
        .selectFrom('credentials')
        .select('document')
        .where('public_id', '=', issued.publicId)
        .executeTakeFirstOrThrow();
      assert.equal(
        (
          await verifyWithCairn(doc.document, {
            db: storage.db,
            config: deps.config,
            services: deps.credentials,
            now: deps.clock.now(),
          })
        ).verified,
        true,
      );
      const badge = await loadBadgePage(
        { db: storage.db, config: deps.config, credentials: deps.credentials, now: deps.clock.now() },
        { publicId: issued.publicId, viewerId: null, locale: 'en' },
      );
      assert.equal(badge.kind === 'public' && badge.model.verdict, 'valid', 'the badge page says valid');
      const audit = await storage.db
        .selectFrom('audit_events')
        .select('action')
        .where('subject_id', '=', issued.publicId)
        .where('action', '=', 'claim.declined')
        .execute();
      assert.equal(audit.length, 1);
    });

    test('an expired link says so and sends a fresh link to the same address', async () => {
      const storage = await backend.storage();
      const { app, clock, issue, claimState, claimPath, claimModel } = await setup(storage);
      const earner = await buildUser(storage.db);
      const issued = await issue(earner.email);
      const path = await claimPath(earner.email);
      clock.advance(CLAIM_LINK_DAYS * DAY + 1000);
      const browser = await loggedIn(app, earner);
      const expired = await browser.get(path);
      assert.equal(expired.status, 410);
      const html = await expired.text();
      assert.deepEqual(headings(html), ['This claim link has expired']);
      assert.equal(formOfButton(html, 'Send me a new link')?.action, `${path}/renew`);
      assert.equal((await claimModel(path, earner.id)).kind, 'expired');
      assert.equal((await browser.post(`${path}/accept`)).status, 303);
      assert.equal((await claimState(issued.publicId)).state, 'pending', 'an expired link accepts nothing');
      const renewed = await browser.post(`${path}/renew`);
      assert.equal(renewed.status, 200);
      assert.ok(pageText(await renewed.text()).includes(`We sent a fresh claim link to ${earner.email}.`));
      const fresh = await claimPath(earner.email);
      assert.notEqual(fresh, path);
      assert.equal((await browser.get(path)).status, 404, 'the old link is dead');
      assert.equal((await browser.get(fresh)).status, 200);
      assert.equal((await browser.post(`${fresh}/accept`)).status, 303);
      assert.equal((await claimState(issued.publicId)).state, 'accepted');
    });

    test('another account cannot accept a badge sent to someone else’s address; an address on no account is added by the link', async () => {
      const storage = await backend.storage();
      const { app, issue, claimState, claimPath, claimModel } = await setup(storage);
      const owner = await buildUser(storage.db);
      const intruder = await buildUser(storage.db);
      const issued = await issue(owner.email);
      const path = await claimPath(owner.email);
      const browser = await loggedIn(app, intruder);
      const html = await (await browser.get(path)).text();
      const theirs = await claimModel(path, intruder.id);
      assert.equal(theirs.kind === 'pending' && theirs.signedIn, 'otherAccount');
      assert.ok(pageText(html).includes('belongs to another Cairn account'));
      assert.equal(formOfButton(html, 'Accept this badge'), null, 'nothing to accept');
      const res = await browser.post(`${path}/accept`);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), path);
      assert.deepEqual(await claimState(issued.publicId), { state: 'pending', user_id: null });

      // A badge sent to an address no account has confirmed: the link proves it, so it joins the account.
      const fresh = `${unique('new-address')}@example.org`;
      const second = await issue(fresh, 'Questioning');
      const secondPath = await claimPath(fresh);
      const adds = await claimModel(secondPath, intruder.id);
      assert.equal(adds.kind === 'pending' && adds.signedIn, 'adds');
      assert.ok(
        pageText(await (await browser.get(secondPath)).text()).includes(`Accepting also adds ${fresh}`),
      );
      assert.equal((await browser.post(`${secondPath}/accept`)).status, 303);
      assert.deepEqual(await claimState(second.publicId), { state: 'accepted', user_id: intruder.id });
      const address = await storage.db
        .selectFrom('user_emails')
        .select(['user_id', 'confirmed_at', 'is_primary'])
        .where('email', '=', fresh)
        .executeTakeFirstOrThrow();
      assert.equal(address.user_id, intruder.id);
      assert.ok(address.confirmed_at);
      assert.equal(address.is_primary, false);
    });
  });
}
