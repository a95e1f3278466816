// Backing up the whole database (`cairn backup`). This is generic machinery, not feature SQL: it
// streams every table through storage/tableCatalog.ts inside one read-only snapshot, whatever the
// table means, so it stays here rather than in queries/.
import { commandMessage } from '../../web/i18n/commandMessages.ts';
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../storage/database.ts';
import { appliedMigrations, backupTables, streamRows } from '../../storage/tableCatalog.ts';
import { archiveWriter } from './backupArchive.ts';

/** What opens the records inside an archive's plaintext, one per line. */
export const RECORD = {
  header: 'H ',
  table: 'T ',
  row: 'R ',
  tableEnd: 'E ',
  file: 'F ',
  fileBytes: 'B ',
  fileEnd: 'G ',
  manifest: 'M ',
} as const;

export interface BackupHeader {
  cairnVersion: string;
  createdAt: string;
  database: 'pglite' | 'postgres';
  migrations: string[];
  /** Proves which CAIRN_SECRET sealed the issuer keys, without revealing it. */
  secret: { salt: string; marker: string };
  tables: string[];
}

export interface BackupManifest {
  tables: Array<{ name: string; rows: number; sha256: string }>;
  files: Array<{ sha256: string; size: number }>;
}

/** A step of a backup or restore, for the caller to show: a table done, or the evidence files on disk. */
export type BackupProgress = { table: string; rows: number } | { files: number };

export interface BackupOptions {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Folder of the disk file store (CAIRN_DATA_DIR); evidence files with no bytes in their row are read from `files/` in it. */
  dataDir: string;
  secret: string;
  passphrase: string;
  out: string;
  now: Date;
  progress?: (step: BackupProgress) => void;
  /** Plaintext bytes per encrypted chunk (tests use small ones to get many). */
  chunkSize?: number;
}

export const MIN_PASSPHRASE = 12;

export function cairnVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'unknown';
  }
}

/** A value that shows whether a secret is the one a backup was made under; one-way. */
export function secretMarker(secret: string, salt: string): string {
  return Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(secret, 'utf8'),
      Buffer.from(salt, 'base64'),
      'cairn backup: CAIRN_SECRET marker',
      32,
    ),
  ).toString('base64');
}

const FILE_PIECE = 48 * 1024;

/** One evidence file from disk into the archive, its bytes checked against its hash; returns its size. */
async function writeEvidenceFile(
  archive: Awaited<ReturnType<typeof archiveWriter>>,
  path: string,
  sha256: string,
): Promise<number> {
  await archive.write(`${RECORD.file}${JSON.stringify({ sha256 })}\n`);
  const hash = createHash('sha256');
  let size = 0;
  for await (const piece of createReadStream(path, {
    highWaterMark: FILE_PIECE,
  }) as AsyncIterable<Buffer>) {
    hash.update(piece);
    size += piece.length;
    await archive.write(`${RECORD.fileBytes}${piece.toString('base64')}\n`);
  }
  if (hash.digest('hex') !== sha256)
    throw new Error(commandMessage('cli.errors.backup.evidenceChanged', { sha256 }));
  return size;
}

/**
 * Writes an encrypted, consistent snapshot of the whole database (and of evidence files kept on
 * disk) to `out`. Every table is read in one REPEATABLE READ, READ ONLY transaction, so the
 * archive is one moment of the database even while the site keeps running (PostgreSQL), rows
 * stream through a cursor, and the file appears under its name only once complete (written
 * beside it, then renamed).
 */
export async function backupDatabase(
  options: BackupOptions,
): Promise<{ manifest: BackupManifest; bytes: number }> {
  if (options.passphrase.length < MIN_PASSPHRASE)
    throw new Error(commandMessage('cli.errors.backup.passphraseTooShort', { min: MIN_PASSPHRASE }));
  const out = resolve(options.out);
  const temporary = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.partial`);
  const file = await open(temporary, 'wx', 0o600);
  const manifest: BackupManifest = { tables: [], files: [] };
  try {
    const archive = await archiveWriter(file, options.passphrase, options.chunkSize);
    await options.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        await sql`set transaction read only`.execute(tx);
        const tables = await backupTables(tx);
        const salt = randomBytes(16).toString('base64');
        const header: BackupHeader = {
          cairnVersion: cairnVersion(),
          createdAt: options.now.toISOString(),
          database: options.kind,
          migrations: await appliedMigrations(tx),
          secret: { salt, marker: secretMarker(options.secret, salt) },
          tables: tables.map((t) => t.name),
        };
        await archive.write(`${RECORD.header}${JSON.stringify(header)}\n`);
        for (const table of tables) {
          await archive.write(
            `${RECORD.table}${JSON.stringify({ name: table.name, columns: table.columns })}\n`,
          );
          const hash = createHash('sha256');
          let rows = 0;
          for await (const row of streamRows(tx, table, table.hasBytes ? 20 : 1000)) {
            hash.update(`${row}\n`);
            rows++;
            await archive.write(`${RECORD.row}${row}\n`);
          }
          const entry = { name: table.name, rows, sha256: hash.digest('hex') };
          manifest.tables.push(entry);
          await archive.write(`${RECORD.tableEnd}${JSON.stringify(entry)}\n`);
          options.progress?.({ table: table.name, rows });
        }
        // Evidence files kept on disk (CAIRN_FILE_STORE=disk): their rows hold no bytes.
        const onDisk = await sql<{
          sha256: string;
        }>`select distinct sha256 from evidence_files where length(bytes) = 0 order by sha256`.execute(tx);
        for (const { sha256 } of onDisk.rows) {
          if (!/^[0-9a-f]{64}$/.test(sha256))
            throw new Error(commandMessage('cli.errors.backup.badEvidenceKey', { sha256 }));
          const path = join(resolve(options.dataDir, 'files'), sha256);
          if (!existsSync(path))
            throw new Error(
              commandMessage('cli.errors.backup.evidenceMissing', { sha256, folder: dirname(path) }),
            );
          const size = await writeEvidenceFile(archive, path, sha256);
          manifest.files.push({ sha256, size });
          await archive.write(`${RECORD.fileEnd}${JSON.stringify({ sha256, size })}\n`);
        }
        if (manifest.files.length) options.progress?.({ files: manifest.files.length });
      });
    await archive.write(`${RECORD.manifest}${JSON.stringify(manifest)}\n`);
    await archive.finish();
    await file.sync();
    const { size } = await file.stat();
    await file.close();
    await rename(temporary, out);
    return { manifest, bytes: size };
  } catch (err) {
    await file.close().catch(() => {});
    await rm(temporary, { force: true });
    throw err;
  }
}
