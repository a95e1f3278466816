import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../testing/databases.ts';
import { TestBrowser, testApp } from '../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../testing/factories.ts';
import { completeDesign } from '../../testing/catalogFixtures.ts';

for (const backend of testBackends()) {
  describe(`issuing staff pages (${backend.name})`, () => {
    test('award by email, then suspend, reinstate and revoke from the list; others cannot', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, staff, reviewer] = [await buildUser(storage.db), await buildUser(storage.db), await buildUser(storage.db)];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const d = new TestBrowser(app);
      await d.post('/login', { email: designer.email, password: designer.password });
      const mc = ((await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials`, completeDesign(`Award ${unique('')}`, { earningMode: 'attendance', evidenceParts: [], rubric: undefined }))).body as { publicId: string }).publicId;
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});
      const s = new TestBrowser(app);
      await s.post('/login', { email: staff.email, password: staff.password });
      const bad = await s.post(`/orgs/${org.slug}/credentials`, { microCredential: mc, email: 'not-an-email' });
      assert.equal(bad.status, 422);
      assert.equal((await s.post(`/orgs/${org.slug}/credentials`, { microCredential: mc, email: 'winner@example.org', narrative: 'Attended the whole session.' })).status, 303);
      const row = await storage.db.selectFrom('credentials').select(['public_id', 'document']).where('organisation_id', '=', org.id).executeTakeFirstOrThrow();
      assert.match(row.document, /Attended the whole session/);
      const status = async (action: string, reason = '') => s.post(`/orgs/${org.slug}/credentials/${row.public_id}/status`, { action, reason });
      await status('suspend', 'Checking attendance');
      assert.match(await (await s.get(`/orgs/${org.slug}/credentials`)).text(), /<td>Suspended<\/td>/);
      await status('reinstate');
      assert.match(await (await s.get(`/orgs/${org.slug}/credentials`)).text(), /<td>Valid<\/td>/);
      await status('revoke', 'Issued in error');
      assert.match(await (await s.get(`/orgs/${org.slug}/credentials`)).text(), /<td>Revoked<\/td>/);
      const r = new TestBrowser(app);
      await r.post('/login', { email: reviewer.email, password: reviewer.password });
      assert.equal((await r.get(`/orgs/${org.slug}/credentials`)).status, 403);
    });
  });
}
