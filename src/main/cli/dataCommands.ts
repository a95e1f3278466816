import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { BackupProgress } from '../../features/dataRights/backupDatabase.ts';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { configOrExit, fail, openApp, say, withOrganisation } from './support.ts';
import { cliWords } from './language.ts';

const { t } = cliWords;

// ── Backups and data rights (backup, restore, export) ──────────────────────────────────────
/** The backup passphrase: from --passphrase-file or CAIRN_BACKUP_PASSPHRASE, never an argument (it would show in `ps`). */
function backupPassphrase(file: string | undefined): string {
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      fail(t('cli.backup.passphraseUnreadable', { file, reason: (err as Error).message }));
    }
  }
  const env = process.env.CAIRN_BACKUP_PASSPHRASE;
  if (!env) fail(t('cli.backup.passphraseMissing'));
  return env;
}

/** A backup's progress, for people, on stderr: a line per table, then the evidence files on disk. */
function progress(step: BackupProgress): void {
  process.stderr.write(
    `${'table' in step ? t('cli.backup.table', step) : t('cli.backup.filesOnDisk', { count: step.files })}\n`,
  );
}

/** When a backup was made, written the reader's way (as it is when it is no date). */
function backupDate(createdAt: string): string {
  const at = new Date(createdAt);
  return Number.isNaN(at.getTime()) ? createdAt : cliWords.date(at, { withTime: true });
}

function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(t('cli.backup.description'))
    .requiredOption('--out <file>', t('cli.backup.out'))
    .option('--passphrase-file <file>', t('cli.backup.passphraseFile'))
    .action(async (opts: { out: string; passphraseFile?: string }) => {
      const passphrase = backupPassphrase(opts.passphraseFile);
      const rt = await openApp(configOrExit());
      const { backupDatabase } = await import('../../features/dataRights/backupDatabase.ts');
      const { resolveSecret } = await import('../../credentials/services.ts');
      try {
        const made = await backupDatabase({
          db: rt.storage.db,
          kind: rt.storage.kind,
          dataDir: rt.config.dataDir,
          secret: resolveSecret(rt.config),
          passphrase,
          out: opts.out,
          now: rt.clock.now(),
          progress,
        });
        const rows = made.manifest.tables.reduce((n, table) => n + table.rows, 0);
        const { tables, files } = made.manifest;
        const done = { tables: tables.length, rows, files: files.length, file: opts.out, bytes: made.bytes };
        say(t('cli.backup.done', done));
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
    .description(t('cli.restore.description'))
    .requiredOption('--in <file>', t('cli.restore.in'))
    .option('--passphrase-file <file>', t('cli.restore.passphraseFile'))
    .action(async (opts: { in: string; passphraseFile?: string }) => {
      const passphrase = backupPassphrase(opts.passphraseFile);
      const rt = await openApp(configOrExit());
      const { restoreDatabase } = await import('../../features/dataRights/restoreDatabase.ts');
      const { resolveSecret } = await import('../../credentials/services.ts');
      try {
        const summary = await restoreDatabase({
          db: rt.storage.db,
          fileStore: rt.config.fileStore,
          dataDir: rt.config.dataDir,
          secret: resolveSecret(rt.config),
          passphrase,
          input: opts.in,
          progress,
        });
        const { header, tables, files } = summary;
        say(
          t('cli.restore.done', {
            createdAt: backupDate(header.createdAt),
            version: header.cairnVersion,
            database: header.database,
            tables: tables.length,
            rows: tables.reduce((n, table) => n + table.rows, 0),
            files,
          }),
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
    .description(t('cli.export.description'))
    .requiredOption('--org <slug>', t('cli.common.org'))
    .requiredOption('--out <file>', t('cli.export.out'))
    .action(async (opts: { org: string; out: string }) => {
      await withOrganisation(opts.org, async (rt, org) => {
        const { exportOrganisation } =
          await import('../../features/dataRights/commands/exportOrganisation.ts');
        const { zipStream } = await import('../../web/zip.ts');
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
          say(t('cli.export.done', { organisation: org.name, file: opts.out }));
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
