import { Command } from 'commander';
import { openRuntime } from '../runtime.ts';
import { readFileSync } from 'node:fs';
import { backupDatabase } from '../../features/dataRights/backupDatabase.ts';
import { restoreDatabase } from '../../features/dataRights/restoreDatabase.ts';
import { resolveSecret } from '../../credentials/services.ts';
import { exportOrganisation } from '../../features/dataRights/commands/exportOrganisation.ts';
import { zipStream } from '../../web/zip.ts';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { configOrExit, fail, withOrganisation } from './support.ts';

// ── Backups and data rights (backup, restore, export) ──────────────────────────────────────
/** The backup passphrase: from --passphrase-file or CAIRN_BACKUP_PASSPHRASE, never an argument (it would show in `ps`). */
function backupPassphrase(file: string | undefined): string {
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      fail(`Cannot read the passphrase file ${file}: ${(err as Error).message}`);
    }
  }
  const env = process.env.CAIRN_BACKUP_PASSPHRASE;
  if (!env)
    fail('Give the backup passphrase in a file (--passphrase-file <file>) or in CAIRN_BACKUP_PASSPHRASE.');
  return env;
}

function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(
      'Write an encrypted, consistent snapshot of the database (and evidence files kept on disk) to a file. Issuer keys stay sealed under CAIRN_SECRET: keep that secret too, a restore needs the same one.',
    )
    .requiredOption(
      '--out <file>',
      'where to write the backup (written beside it, then renamed: never half a file)',
    )
    .option(
      '--passphrase-file <file>',
      'a file holding the passphrase (else CAIRN_BACKUP_PASSPHRASE); at least 12 characters',
    )
    .action(async (opts: { out: string; passphraseFile?: string }) => {
      const passphrase = backupPassphrase(opts.passphraseFile);
      const rt = await openRuntime(configOrExit()).catch(fail);
      try {
        const made = await backupDatabase({
          db: rt.storage.db,
          kind: rt.storage.kind,
          dataDir: rt.config.dataDir,
          secret: resolveSecret(rt.config),
          passphrase,
          out: opts.out,
          now: rt.clock.now(),
          progress: (line) => process.stderr.write(line),
        });
        const rows = made.manifest.tables.reduce((n, t) => n + t.rows, 0);
        process.stdout.write(
          `Backed up ${made.manifest.tables.length} tables (${rows} rows) and ${made.manifest.files.length} files on disk to ${opts.out} (${made.bytes} bytes, encrypted).\n`,
        );
      } catch (err) {
        fail(err);
      } finally {
        await rt.storage.close();
      }
    });
}

function registerRestore(program: Command): void {
  program
    .command('restore')
    .description(
      'Restore a backup into an EMPTY database (DATABASE_URL, or the embedded one in CAIRN_DATA_DIR): migrates first, restores in one transaction, checks every count and hash. Needs the CAIRN_SECRET of the backed-up site. Refuses a database that has data.',
    )
    .requiredOption('--in <file>', 'the backup file')
    .option('--passphrase-file <file>', 'a file holding the passphrase (else CAIRN_BACKUP_PASSPHRASE)')
    .action(async (opts: { in: string; passphraseFile?: string }) => {
      const passphrase = backupPassphrase(opts.passphraseFile);
      const rt = await openRuntime(configOrExit()).catch(fail);
      try {
        const summary = await restoreDatabase({
          db: rt.storage.db,
          fileStore: rt.config.fileStore,
          dataDir: rt.config.dataDir,
          secret: resolveSecret(rt.config),
          passphrase,
          input: opts.in,
          progress: (line) => process.stderr.write(line),
        });
        const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
        process.stdout.write(
          `Restored the backup of ${summary.header.createdAt} (Cairn ${summary.header.cairnVersion}, ${summary.header.database}): ${summary.tables.length} tables, ${rows} rows, ${summary.files} evidence files; every count and hash checked. Logins start afresh (sessions are not in backups).\n`,
        );
      } catch (err) {
        fail(err);
      } finally {
        await rt.storage.close();
      }
    });
}

function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      "Write all of one organisation's data (designs, versions, applications, credentials, runs, members, programs, ledger, audit log) to a ZIP of JSON files. Secrets are left out.",
    )
    .requiredOption('--org <slug>', 'the organisation')
    .requiredOption('--out <file>', 'where to write the ZIP')
    .action(async (opts: { org: string; out: string }) => {
      await withOrganisation(opts.org, async (rt, org) => {
        const temporary = `${opts.out}.partial`;
        try {
          const { files } = await exportOrganisation(
            { db: rt.storage.db, clock: rt.clock, config: rt.config },
            { actor: { kind: 'operator' }, slug: org.slug },
          );
          const stream = zipStream(files, { defaultDate: rt.clock.now() });
          await pipeline(
            Readable.fromWeb(stream as WebReadableStream<Uint8Array>),
            createWriteStream(temporary, { mode: 0o600 }),
          );
          renameSync(temporary, opts.out);
          process.stdout.write(`Exported ${org.name} to ${opts.out}.\n`);
        } catch (err) {
          rmSync(temporary, { force: true });
          fail(err);
        }
      });
    });
}

/** `cairn backup`, `cairn restore` and `cairn export`: backups and data rights. */
export function dataCommands(program: Command): void {
  registerBackup(program);
  registerRestore(program);
  registerExport(program);
}
