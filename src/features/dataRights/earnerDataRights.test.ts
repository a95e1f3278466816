import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends } from '../../testing/databases.ts';
import { loggedIn, testApp, testConfig, testCredentialServices, TestBrowser } from '../../testing/http.ts';
import { addMember, buildOrganisation } from '../../testing/factories.ts';
import { earnerWithEverything } from '../../testing/dataRightsFixtures.ts';
import { createCollection, importBadge } from '../backpack/index.ts';
import { recordAudit } from '../../storage/audit.ts';
import { verifyCredential } from '../../credentials/verifier.ts';
import { verifierDeps } from '../verification/commands/verifyCredential.ts';
import { readZip } from '../../testing/zipReader.ts';
import { DELETED_NAME } from './commands/deleteMyAccount.ts';

const text = async (res: Response) => res.text();

for (const backend of testBackends()) {
  describe(`an earner's data: download everything, delete the account (${backend.name})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-data-rights-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = testConfig({ CAIRN_FILE_STORE: 'disk', CAIRN_DATA_DIR: dataDir });

    test('the ZIP holds their account, evidence file, signed credentials and applications, and nobody else’s', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage, { config });
      const seeded = await earnerWithEverything(storage, config);
      const other = await earnerWithEverything(storage, config);
      const browser = await loggedIn(app, seeded.earner);
      assert.match(await text(await browser.get('/profile')), /Download everything about you/);
      const res = await browser.get('/profile/my-data.zip');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/zip');
      const zip = readZip(new Uint8Array(await res.arrayBuffer()));
      const file = (name: string) => zip.find((f) => f.name === name)?.data;
      const names = zip.map((f) => f.name);
      const manifest = JSON.parse(file('manifest.json')!.toString()) as { files: Array<{ name: string }> };
      assert.deepEqual(
        manifest.files.map((f) => f.name).sort(),
        names.filter((n) => n !== 'manifest.json').sort(),
        'the manifest lists every file',
      );
      const account = JSON.parse(file('account.json')!.toString()) as {
        name: string;
        emails: Array<{ email: string }>;
      };
      assert.equal(account.name, 'Erin Earner');
      assert.deepEqual(
        account.emails.map((e) => e.email),
        [seeded.earner.email],
      );
      const evidence = names.find((n) => n.startsWith('evidence/') && n.includes(seeded.file.publicId));
      assert.ok(evidence, 'the evidence file is in the ZIP');
      assert.deepEqual(file(evidence), Buffer.from(seeded.file.bytes));
      const stored = await storage.db
        .selectFrom('credentials')
        .select('document')
        .where('public_id', '=', seeded.issued.publicId)
        .executeTakeFirstOrThrow();
      assert.equal(
        file(`credentials/${seeded.issued.publicId}.json`)?.toString(),
        stored.document,
        'the signed document byte for byte',
      );
      const applications = JSON.parse(file('applications.json')!.toString()) as Array<{ id: string }>;
      assert.deepEqual(
        applications.map((a) => a.id),
        [seeded.application.publicId],
      );
      const everything = zip.map((f) => f.data.toString('latin1')).join('\n');
      for (const leak of [
        other.earner.email,
        other.issued.publicId,
        other.application.publicId,
        other.file.publicId,
        seeded.staff.email,
      ])
        assert.ok(!everything.includes(leak), `nothing about anyone else: ${leak}`);
    });

    test('deleting needs the password and the typed words, is refused for a last owner, and leaves credentials verifiable but anonymous', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage, { config });
      clock.set(new Date('2026-03-02T12:00:00Z'));
      const seeded = await earnerWithEverything(storage, config);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const actor = { userId: seeded.earner.id, ip: '203.0.113.7' };
      await importBadge(deps, {
        actor,
        text: seeded.issued.credential ? JSON.stringify(seeded.issued.credential) : '',
        url: '',
      });
      await createCollection(deps, { actor, name: 'For my principal', description: '' });
      await recordAudit(
        storage.db,
        {
          organisationId: null,
          actorUserId: seeded.earner.id,
          action: 'user.email_added',
          subjectType: 'user',
          data: { email: seeded.earner.email },
          ip: '203.0.113.7',
        },
        clock.now(),
      );
      const browser = await loggedIn(app, seeded.earner);
      const sessionsBefore = await storage.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', seeded.earner.id)
        .execute();
      assert.ok(sessionsBefore.length > 0);

      const wrongPassword = await browser.post('/profile/delete', {
        password: 'not my password',
        confirmation: 'delete my account',
      });
      assert.equal(wrongPassword.status, 422);
      assert.match(await text(wrongPassword), /That is not your password/);
      const notTyped = await browser.post('/profile/delete', {
        password: seeded.earner.password,
        confirmation: 'yes',
      });
      assert.equal(notTyped.status, 422);
      assert.match(await text(notTyped), /Type “delete my account” to confirm/);

      // The last owner of an organisation is refused with the organisation named.
      const owned = await buildOrganisation(storage.db, { name: 'Erin’s Study Group' });
      await addMember(storage.db, owned.id, seeded.earner.id, ['owner']);
      const lastOwner = await browser.post('/profile/delete', {
        password: seeded.earner.password,
        confirmation: 'delete my account',
      });
      assert.equal(lastOwner.status, 409);
      assert.match(await text(lastOwner), /only owner of Erin(’|&#8217;|&rsquo;)s Study Group/);
      assert.equal(
        (
          await storage.db
            .selectFrom('users')
            .select('name')
            .where('id', '=', seeded.earner.id)
            .executeTakeFirstOrThrow()
        ).name,
        'Erin Earner',
        'nothing changed',
      );
      await addMember(storage.db, owned.id, seeded.staff.id, ['owner']);

      const sha = (
        await storage.db
          .selectFrom('evidence_files')
          .select('sha256')
          .where('public_id', '=', seeded.file.publicId)
          .executeTakeFirstOrThrow()
      ).sha256;
      assert.ok(existsSync(join(dataDir, 'files', sha)));
      const deleted = await browser.post('/profile/delete', {
        password: seeded.earner.password,
        confirmation: '  Delete my account ',
      });
      assert.equal(deleted.status, 303, await deleted.text());
      assert.ok(!browser.cookies.has('cairn_session'), 'logged out');

      const user = await storage.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', seeded.earner.id)
        .executeTakeFirstOrThrow();
      assert.equal(user.name, DELETED_NAME);
      assert.ok(user.deleted_at);
      const left = async (
        table: 'user_emails' | 'sessions' | 'imported_credentials' | 'collections' | 'memberships',
        column = 'user_id' as const,
      ) =>
        (await storage.db.selectFrom(table).select(column).where(column, '=', seeded.earner.id).execute())
          .length;
      for (const table of [
        'user_emails',
        'sessions',
        'imported_credentials',
        'collections',
        'memberships',
      ] as const)
        assert.equal(await left(table), 0, table);
      assert.equal(
        (
          await storage.db
            .selectFrom('evidence_files')
            .select('id')
            .where(
              'application_id',
              '=',
              (
                await storage.db
                  .selectFrom('applications')
                  .select('id')
                  .where('public_id', '=', seeded.application.publicId)
                  .executeTakeFirstOrThrow()
              ).id,
            )
            .execute()
        ).length,
        0,
      );
      assert.ok(!existsSync(join(dataDir, 'files', sha)), 'the evidence file is gone from disk');
      assert.equal(
        (
          await storage.db
            .selectFrom('mail_outbox')
            .select('id')
            .where('to_address', '=', seeded.earner.email)
            .execute()
        ).length,
        0,
      );
      const audit = await storage.db
        .selectFrom('audit_events')
        .select(['action', 'ip', 'data'])
        .where('actor_user_id', '=', seeded.earner.id)
        .execute();
      assert.ok(audit.some((a) => a.action === 'user.deleted'));
      assert.ok(
        audit.every((a) => a.ip === null && !JSON.stringify(a.data).includes(seeded.earner.email)),
        'audit rows stay, without the address or email',
      );

      // Logging in with the old address fails; the credential still verifies; its page shows the verdict only.
      assert.equal(
        (
          await new TestBrowser(app).post('/login', {
            email: seeded.earner.email,
            password: seeded.earner.password,
          })
        ).status,
        401,
      );
      const report = await verifyCredential(
        JSON.stringify(seeded.issued.credential),
        verifierDeps(storage.db, config, testCredentialServices(), clock.now()),
      );
      assert.equal(report.verified, true);
      const badge = await new TestBrowser(app).get(`/badges/${seeded.issued.publicId}`);
      assert.equal(badge.status, 200);
      const page = await badge.text();
      assert.match(page, /A private badge/);
      assert.ok(!page.includes('Erin Earner') && !page.includes(seeded.earner.email));
    });
  });
}
