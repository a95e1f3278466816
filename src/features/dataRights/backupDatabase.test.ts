import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrate, openStorage, type Storage } from '../../storage/database.ts';
import { scratchPostgres } from '../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../testing/http.ts';
import { earnerWithEverything } from '../../testing/dataRightsFixtures.ts';
import { seedDemo } from '../../main/demo.ts';
import { backupTables, streamRows, tablesWithRows } from '../../storage/tableCatalog.ts';
import { verifyCredential } from '../../credentials/verifier.ts';
import { verifierDeps } from '../verification/commands/verifyCredential.ts';
import { awardCredential } from '../issuing/commands/awardCredential.ts';
import { backupDatabase } from './backupDatabase.ts';
import { restoreDatabase, RestoreRefused } from './restoreDatabase.ts';

const PASSPHRASE = 'correct horse battery staple backup';
const SECRET = 'test-secret-test-secret-test-secret-0123';

/** Two fresh databases of one kind: what was backed up, and where it is restored. */
function backends(): Array<{ name: string; fresh(): Promise<Storage> }> {
  const list: Array<{ name: string; fresh(): Promise<Storage> }> = [
    {
      name: 'pglite',
      async fresh() {
        const s = await openStorage({ databaseUrl: null, dataDir: '', inMemory: true });
        await migrate(s.db);
        after(() => s.close());
        return s;
      },
    },
  ];
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    list.push({
      name: 'postgres',
      async fresh() {
        const scratch = await scratchPostgres(adminUrl, { poolSize: 2 });
        after(() => scratch.drop());
        return scratch.storage;
      },
    });
  }
  return list;
}

async function everyRow(storage: Storage): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await storage.db.transaction().execute(async (tx) => {
    for (const table of await backupTables(tx)) {
      const rows: string[] = [];
      for await (const row of streamRows(tx, table, 1000)) rows.push(row);
      out[table.name] = rows;
    }
  });
  return out;
}

for (const backend of backends()) {
  describe(`backup and restore (${backend.name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-backup-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('a snapshot with files and keys restores into an empty database, row for row, and its keys still sign', async () => {
      const sourceDir = join(dir, 'source');
      const targetDir = join(dir, 'target');
      const sourceConfig = testConfig({ CAIRN_FILE_STORE: 'disk', CAIRN_DATA_DIR: sourceDir });
      const targetConfig = testConfig({ CAIRN_FILE_STORE: 'disk', CAIRN_DATA_DIR: targetDir });
      const [source, target] = await Promise.all([backend.fresh(), backend.fresh()]);
      await seedDemo(source.db, new Date('2026-02-01T09:00:00Z'), sourceConfig, testCredentialServices());
      const seeded = await earnerWithEverything(source, sourceConfig);
      assert.equal(
        (
          await source.db
            .selectFrom('evidence_files')
            .select(sql<number>`length(bytes)`.as('n'))
            .where('public_id', '=', seeded.file.publicId)
            .executeTakeFirstOrThrow()
        ).n,
        0,
        'the file is on disk, not in its row',
      );

      const out = join(dir, `cairn-${backend.name}.backup`);
      const made = await backupDatabase({
        db: source.db,
        kind: source.kind,
        dataDir: sourceDir,
        secret: SECRET,
        passphrase: PASSPHRASE,
        out,
        now: new Date(),
        chunkSize: 16 * 1024,
      });
      // Every evidence file kept on disk: the fixture's, and those the demo's applications uploaded.
      const onDisk = (
        await source.db
          .selectFrom('evidence_files')
          .select(sql<number>`count(distinct sha256)`.as('n'))
          .where(sql<number>`length(bytes)`, '=', 0)
          .executeTakeFirstOrThrow()
      ).n;
      assert.ok(Number(onDisk) > 1);
      assert.equal(made.manifest.files.length, Number(onDisk));
      assert.ok(made.manifest.tables.some((t) => t.name === 'credentials' && t.rows >= 1));
      assert.ok(!made.manifest.tables.some((t) => t.name === 'sessions'), 'live sessions are left out');
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.includes('partial')),
        [],
        'only the finished archive is left',
      );
      const archive = readFileSync(out);
      assert.ok(
        !archive.includes(Buffer.from(seeded.earner.email)),
        'nothing readable without the passphrase',
      );
      assert.ok(archive.length > 10 * 16 * 1024, `several encrypted chunks (${archive.length} bytes)`);

      const restore = (input: string, options: { passphrase?: string; secret?: string } = {}) =>
        restoreDatabase({
          db: target.db,
          fileStore: 'disk',
          dataDir: targetDir,
          secret: options.secret ?? SECRET,
          passphrase: options.passphrase ?? PASSPHRASE,
          input,
        });
      const refused = async (
        input: string,
        code: RestoreRefused['code'],
        options: { passphrase?: string; secret?: string } = {},
      ) => {
        await assert.rejects(
          restore(input, options),
          (err: unknown) => err instanceof RestoreRefused && err.code === code,
        );
        const names = (await backupTables(target.db)).map((t) => t.name);
        assert.deepEqual(await tablesWithRows(target.db, names), [], `nothing written after ${code}`);
        assert.ok(
          !existsSync(join(targetDir, 'files')) || readdirSync(join(targetDir, 'files')).length === 0,
          'no file left behind',
        );
      };
      // Refusals first, into the empty target: each leaves it untouched.
      await refused(out, 'wrong_passphrase', { passphrase: 'not the passphrase at all' });
      await refused(out, 'other_secret', { secret: 'another-secret-another-secret-another' });
      const flipped = join(dir, 'flipped.backup');
      const damaged = Buffer.from(archive);
      damaged[damaged.length - 40]! ^= 0x01; // inside the last chunk: found after rows were inserted
      writeFileSync(flipped, damaged);
      await refused(flipped, 'damaged');
      const cut = join(dir, 'cut.backup');
      writeFileSync(cut, archive.subarray(0, archive.length - 1000));
      await refused(cut, 'damaged');
      const notBackup = join(dir, 'not.backup');
      writeFileSync(notBackup, 'hello');
      await refused(notBackup, 'not_a_backup');

      const summary = await restore(out);
      assert.equal(summary.files, Number(onDisk));
      assert.deepEqual(await everyRow(target), await everyRow(source), 'every table, row for row');
      const { sha256 } = await source.db
        .selectFrom('evidence_files')
        .select('sha256')
        .where('public_id', '=', seeded.file.publicId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        readFileSync(join(targetDir, 'files', sha256)),
        Buffer.from(seeded.file.bytes),
        'the evidence file is back on disk',
      );
      assert.deepEqual(
        readdirSync(join(targetDir, 'files')).filter((f) => f.startsWith('.')),
        [],
        'no staging folder left',
      );

      // A credential issued before the backup still verifies against the restored database …
      const services = testCredentialServices();
      const before = await verifyCredential(
        JSON.stringify(seeded.issued.credential),
        verifierDeps(target.db, targetConfig, services, new Date('2026-03-02T00:00:00Z')),
      );
      assert.equal(before.verified, true, JSON.stringify(before.checks.filter((c) => !c.ok)));
      // … and the restored key signs a new one (ids continue after the restored ones).
      const fresh = await awardCredential(
        { ...seeded.deps, db: target.db, config: targetConfig },
        {
          actor: { userId: seeded.staff.id, ip: null },
          organisationId: seeded.org.id,
          email: seeded.earner.email,
          microCredential: seeded.mc.publicId,
        },
      );
      const after = await verifyCredential(
        JSON.stringify(fresh.credential),
        verifierDeps(target.db, targetConfig, services, new Date('2026-03-02T00:00:00Z')),
      );
      assert.equal(after.verified, true, JSON.stringify(after.checks.filter((c) => !c.ok)));

      // Never merged into a database that has data.
      await assert.rejects(
        restore(out),
        (err: unknown) =>
          err instanceof RestoreRefused && err.code === 'not_empty' && /not empty/.test(err.message),
      );
    });
  });
}
