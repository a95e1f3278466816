import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../testing/databases.ts';
import { loggedIn, testApp, testConfig } from '../../testing/http.ts';
import { addMember, buildUser } from '../../testing/factories.ts';
import { earnerWithEverything } from '../../testing/dataRightsFixtures.ts';
import { readZip } from '../../testing/zipReader.ts';
import { formOfButton } from '../../testing/pageQueries.ts';

for (const backend of testBackends()) {
  describe(`organisation export (${backend.name})`, () => {
    test('an owner downloads every part of their organisation and nothing of another one; others cannot', async () => {
      const storage = await backend.storage();
      const config = testConfig();
      const { app } = testApp(storage, { config });
      const mine = await earnerWithEverything(storage, config);
      const theirs = await earnerWithEverything(storage, config);
      const owner = await buildUser(storage.db);
      await addMember(storage.db, mine.org.id, owner.id, ['owner']);
      await storage.db
        .insertInto('api_tokens')
        .values({
          public_id: `tok_${mine.org.slug}`,
          organisation_id: mine.org.id,
          name: 'CI',
          token_hash: 'a-secret-hash-never-exported',
          created_at: new Date(),
        })
        .execute();

      const browser = await loggedIn(app, owner);
      const overview = await (await browser.get(`/orgs/${mine.org.slug}`)).text();
      const button = formOfButton(overview, `Download all of ${mine.org.name}’s data (ZIP)`);
      assert.equal(button?.action, `/orgs/${mine.org.slug}/export`);
      const audited = () =>
        storage.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'organisation.exported')
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n));
      // Looking at the organisation writes nothing; the POST that downloads is audited once.
      assert.equal(await audited(), 0);
      assert.equal((await browser.get(`/orgs/${mine.org.slug}/export.zip`)).status, 404);
      const res = await browser.post(`/orgs/${mine.org.slug}/export`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="cairn-.*\.zip"/);
      assert.equal(await audited(), 1);
      const zip = readZip(new Uint8Array(await res.arrayBuffer()));
      const manifest = JSON.parse(zip.find((f) => f.name === 'manifest.json')!.data.toString()) as {
        parts: Array<{ part: string; rows: number; files: string[] }>;
      };
      const rows = (part: string) => manifest.parts.find((p) => p.part === part)?.rows;
      assert.equal(rows('credentials'), 1);
      assert.equal(rows('applications'), 1);
      assert.equal(rows('micro-credentials'), 1);
      assert.equal(rows('members'), 3);
      assert.ok((rows('micro-credential-versions') ?? 0) >= 1 && (rows('audit-log') ?? 0) >= 1);
      assert.deepEqual(
        manifest.parts.flatMap((p) => p.files).sort(),
        zip
          .map((f) => f.name)
          .filter((n) => !['manifest.json', 'organisation.json'].includes(n))
          .sort(),
      );
      const credentials = JSON.parse(
        zip.find((f) => f.name === 'credentials/0001.json')!.data.toString(),
      ) as Array<{ public_id: string; document: string }>;
      assert.equal(credentials[0]?.public_id, mine.issued.publicId);
      const everything = zip.map((f) => f.data.toString('latin1')).join('\n');
      for (const leak of [
        theirs.org.slug,
        theirs.issued.publicId,
        theirs.application.publicId,
        theirs.mc.publicId,
        theirs.earner.email,
        theirs.staff.public_id,
      ])
        assert.ok(!everything.includes(leak), `nothing of the other organisation: ${leak}`);
      for (const secret of ['a-secret-hash-never-exported', 'private_key_encrypted', 'token_hash'])
        assert.ok(!everything.includes(secret), `no secrets: ${secret}`);

      // Issuing staff of the organisation may not; an outsider learns nothing.
      const staff = await loggedIn(app, mine.staff);
      assert.equal((await staff.post(`/orgs/${mine.org.slug}/export`)).status, 403);
      const outsider = await loggedIn(app, theirs.staff);
      assert.equal((await outsider.post(`/orgs/${mine.org.slug}/export`)).status, 404);
      assert.equal((await browser.post(`/orgs/${mine.org.slug}/export`, {}, { csrf: null })).status, 403);
      assert.equal(await audited(), 1);
    });
  });
}
