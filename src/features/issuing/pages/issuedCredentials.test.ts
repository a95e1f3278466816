import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';
import { byLabel, flashMessage, formOfButton, optionsOf, pageText } from '../../../testing/pageQueries.ts';
import type { Queryable } from '../../../storage/database.ts';
import { loadIssuedCredentials, loadRevokeConfirmation } from './issuedCredentialsLoader.ts';

/** The flash message a redirect carries, as the page it leads to shows it. */
async function flashAfter(browser: TestBrowser, res: Response) {
  assert.equal(res.status, 303);
  return flashMessage(await (await browser.get(res.headers.get('location')!)).text())?.text ?? '';
}

/** The status the list page shows for each credential, by public id (from the page's view model). */
async function listedStatuses(db: Queryable, org: { id: number; name: string; slug: string }) {
  const model = await loadIssuedCredentials(db, org, new Date());
  return new Map(model.credentials.map((c) => [c.publicId, c.status]));
}

for (const backend of testBackends()) {
  describe(`issuing staff pages (${backend.name})`, () => {
    test('award by email, then suspend, reinstate and revoke from the list; others cannot', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, staff, reviewer] = [
        await buildUser(storage.db),
        await buildUser(storage.db),
        await buildUser(storage.db),
      ];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const d = new TestBrowser(app);
      await d.post('/login', { email: designer.email, password: designer.password });
      const mc = (
        (
          await d.postJson(
            `/api/v1/orgs/${org.slug}/micro-credentials`,
            completeDesign(`Award ${unique('')}`, {
              earningMode: 'attendance',
              evidenceParts: [],
              rubric: undefined,
            }),
          )
        ).body as { publicId: string }
      ).publicId;
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});
      const s = new TestBrowser(app);
      await s.post('/login', { email: staff.email, password: staff.password });
      const bad = await s.post(`/orgs/${org.slug}/credentials`, {
        microCredential: mc,
        email: 'not-an-email',
      });
      assert.equal(bad.status, 422);
      assert.equal(
        (
          await s.post(`/orgs/${org.slug}/credentials`, {
            microCredential: mc,
            email: 'winner@example.org',
            narrative: 'Attended the whole session.',
          })
        ).status,
        303,
      );
      const row = await storage.db
        .selectFrom('credentials')
        .select(['public_id', 'document'])
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.match(row.document, /Attended the whole session/);
      const status = async (action: string, reason = '') =>
        s.post(`/orgs/${org.slug}/credentials/${row.public_id}/status`, { action, reason, confirm: 'yes' });
      await status('suspend', 'Checking attendance');
      assert.equal((await listedStatuses(storage.db, org)).get(row.public_id), 'suspended');
      await status('reinstate');
      assert.equal((await listedStatuses(storage.db, org)).get(row.public_id), 'valid');
      await status('revoke', 'Issued in error');
      assert.equal((await listedStatuses(storage.db, org)).get(row.public_id), 'revoked');
      const list = await s.get(`/orgs/${org.slug}/credentials`);
      assert.equal(list.status, 200);
      const listHtml = await list.text();
      assert.match(pageText(listHtml), /Revoked/, 'the page shows what its model says');
      assert.equal(formOfButton(listHtml, 'Apply'), null, 'a revoked credential has no change form');
      const r = new TestBrowser(app);
      await r.post('/login', { email: reviewer.email, password: reviewer.password });
      assert.equal((await r.get(`/orgs/${org.slug}/credentials`)).status, 403);
    });

    test('revoke many at once with one public reason; one that cannot change is reported and the rest still change', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, staff] = [await buildUser(storage.db), await buildUser(storage.db)];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const d = new TestBrowser(app);
      await d.post('/login', { email: designer.email, password: designer.password });
      const mc = (
        (
          await d.postJson(
            `/api/v1/orgs/${org.slug}/micro-credentials`,
            completeDesign(`Bulk ${unique('')}`, {
              earningMode: 'attendance',
              evidenceParts: [],
              rubric: undefined,
            }),
          )
        ).body as { publicId: string }
      ).publicId;
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});
      const s = new TestBrowser(app);
      await s.post('/login', { email: staff.email, password: staff.password });
      for (const n of [1, 2, 3])
        assert.equal(
          (
            await s.post(`/orgs/${org.slug}/credentials`, {
              microCredential: mc,
              email: `attendee${n}@example.org`,
            })
          ).status,
          303,
        );
      const ids = (
        await storage.db
          .selectFrom('credentials')
          .select('public_id')
          .where('organisation_id', '=', org.id)
          .orderBy('id')
          .execute()
      ).map((r) => r.public_id);
      assert.equal(ids.length, 3);
      const listPage = await (await s.get(`/orgs/${org.slug}/credentials`)).text();
      assert.deepEqual(
        optionsOf(listPage, 'With the selected credentials').map((o) => o.value),
        ['revoke', 'suspend', 'reinstate'],
      );
      assert.ok(byLabel(listPage, 'Reason for the selected'));
      assert.equal(
        formOfButton(listPage, 'Apply to selected')?.action,
        `/orgs/${org.slug}/credentials/status`,
      );
      await s.post(`/orgs/${org.slug}/credentials/${ids[0]}/status`, {
        action: 'revoke',
        reason: 'Duplicate',
        confirm: 'yes',
      });
      const noReason = await s.post(`/orgs/${org.slug}/credentials/status`, {
        ids,
        action: 'revoke',
        reason: '',
        confirm: 'yes',
      });
      assert.match(await flashAfter(s, noReason), /the reason is shown publicly/);
      const res = await s.post(`/orgs/${org.slug}/credentials/status`, {
        ids,
        action: 'revoke',
        reason: 'Session cancelled',
        confirm: 'yes',
      });
      assert.match(await flashAfter(s, res), /2 credentials changed\. 1 left unchanged: /);
      const events = await storage.db
        .selectFrom('credential_status_events as e')
        .innerJoin('credentials as c', 'c.id', 'e.credential_id')
        .select(['c.public_id', 'e.reason'])
        .where('c.organisation_id', '=', org.id)
        .where('e.action', '=', 'revoked')
        .orderBy('e.id')
        .execute();
      assert.deepEqual(
        events.map((e) => e.reason),
        ['Duplicate', 'Session cancelled', 'Session cancelled'],
      );
      assert.deepEqual(
        [...(await listedStatuses(storage.db, org)).values()],
        ['revoked', 'revoked', 'revoked'],
      );
      assert.match(
        pageText(await (await app.request(`/badges/${ids[2]}`)).text()),
        /Revoked on .+: Session cancelled/,
      );
    });

    test('revoking asks first (what it does, the public reason); a second award to the same person needs “issue again”', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, staff] = [await buildUser(storage.db), await buildUser(storage.db)];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const d = new TestBrowser(app);
      await d.post('/login', { email: designer.email, password: designer.password });
      const mc = (
        (
          await d.postJson(
            `/api/v1/orgs/${org.slug}/micro-credentials`,
            completeDesign(`Twice ${unique('')}`, {
              earningMode: 'attendance',
              evidenceParts: [],
              rubric: undefined,
            }),
          )
        ).body as { publicId: string }
      ).publicId;
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});
      const s = new TestBrowser(app);
      await s.post('/login', { email: staff.email, password: staff.password });
      const issued = async () =>
        (
          await storage.db
            .selectFrom('credentials')
            .select('public_id')
            .where('organisation_id', '=', org.id)
            .orderBy('id')
            .execute()
        ).map((r) => r.public_id);

      assert.equal(
        (await s.post(`/orgs/${org.slug}/credentials`, { microCredential: mc, email: 'ana@example.org' }))
          .status,
        303,
      );
      const again = await s.post(`/orgs/${org.slug}/credentials`, {
        microCredential: mc,
        email: 'Ana@Example.org',
        narrative: 'Kept',
      });
      assert.equal(again.status, 409, 'a duplicate is not issued silently');
      const warning = await again.text();
      assert.match(
        pageText(warning),
        /Already awarded\. ana@example\.org already holds “Twice [^”]+” \(version 1\), issued on /i,
      );
      const issueAgain = byLabel(warning, 'Issue again: I mean to give this person a second credential');
      assert.equal(issueAgain.checked, false);
      assert.equal(byLabel(warning, 'Evidence narrative (optional)').value, 'Kept', 'what was typed stays');
      assert.equal((await issued()).length, 1);
      assert.equal(
        (
          await s.post(`/orgs/${org.slug}/credentials`, {
            microCredential: mc,
            email: 'ana@example.org',
            issueAgain: 'yes',
          })
        ).status,
        303,
      );
      const ids = await issued();
      assert.equal(ids.length, 2, 'issued again when confirmed');

      // Revoke from the list: a confirmation page first, nothing revoked yet.
      const ask = await s.post(`/orgs/${org.slug}/credentials/${ids[0]}/status`, {
        action: 'revoke',
        reason: '',
      });
      assert.equal(ask.status, 200);
      const confirm = await ask.text();
      assert.match(pageText(confirm), /Revoke this credential\? .*It is permanent/);
      assert.equal(byLabel(confirm, 'Reason, shown publicly').value, '');
      assert.deepEqual(formOfButton(confirm, 'Revoke this credential')?.hidden, {
        _csrf: await s.csrf(),
        action: 'revoke',
        confirm: 'yes',
        ids: ids[0],
      });
      const asked = await loadRevokeConfirmation(storage.db, org, {
        ids: [ids[0]!, 'cred_of_someone_else'],
        action: 'x',
        reason: 'Why',
      });
      assert.deepEqual(
        asked.credentials.map((c) => c.publicId),
        [ids[0]],
        'only the organisation’s own credentials are asked about',
      );
      const revokedEvents = () =>
        storage.db
          .selectFrom('credential_status_events as e')
          .innerJoin('credentials as c', 'c.id', 'e.credential_id')
          .select('c.public_id')
          .where('c.organisation_id', '=', org.id)
          .where('e.action', '=', 'revoked')
          .execute();
      assert.equal((await revokedEvents()).length, 0);
      const bulkAsk = await s.post(`/orgs/${org.slug}/credentials/status`, {
        ids,
        action: 'revoke',
        reason: 'Issued twice',
      });
      assert.match(pageText(await bulkAsk.text()), /Revoke 2 credentials\?/);
      assert.equal((await revokedEvents()).length, 0);
      assert.equal(
        (
          await s.post(`/orgs/${org.slug}/credentials/${ids[1]}/status`, {
            action: 'revoke',
            reason: 'Issued twice',
            confirm: 'yes',
          })
        ).status,
        303,
      );
      assert.deepEqual(
        (await revokedEvents()).map((e) => e.public_id),
        [ids[1]],
      );
      // With the second one revoked, the first still counts as held; revoke it too and a new award goes through.
      assert.equal(
        (await s.post(`/orgs/${org.slug}/credentials`, { microCredential: mc, email: 'ana@example.org' }))
          .status,
        409,
      );
      await s.post(`/orgs/${org.slug}/credentials/${ids[0]}/status`, {
        action: 'revoke',
        reason: 'Issued in error',
        confirm: 'yes',
      });
      assert.equal(
        (await s.post(`/orgs/${org.slug}/credentials`, { microCredential: mc, email: 'ana@example.org' }))
          .status,
        303,
      );
    });
  });
}
