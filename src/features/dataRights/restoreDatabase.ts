// Restoring a whole-database backup (`cairn restore`). This is generic machinery, not feature SQL:
// it copies every table's rows in foreign-key order through storage/tableCatalog.ts, so it stays
// here rather than in queries/. The few statements that know what a table means (the issuer
// keys proved to open, the instance settings replaced, evidence bytes kept in rows) are in
// queries/restore.ts.
import { commandMessage } from '../../web/i18n/commandMessages.ts';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Db, Tx } from '../../storage/database.ts';
import {
  appliedMigrations,
  backupTables,
  countRows,
  insertRows,
  resetSequence,
  tablesWithRows,
  type TableInfo,
} from '../../storage/tableCatalog.ts';
import { keyVault } from '../../credentials/keyVault.ts';
import { BackupArchiveError, lines, openArchive } from './backupArchive.ts';
import {
  RECORD,
  secretMarker,
  type BackupHeader,
  type BackupProgress,
  type BackupManifest,
} from './backupDatabase.ts';
import { clearInstanceSettings, putEvidenceBytes, sealedIssuerKeys } from './queries/restore.ts';

/** Why a restore was refused; nothing was written. */
export class RestoreRefused extends Error {
  constructor(
    readonly code:
      'not_a_backup' | 'wrong_passphrase' | 'damaged' | 'not_empty' | 'other_version' | 'other_secret',
    message: string,
  ) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export interface RestoreOptions {
  /** A migrated database (restore runs `migrate` first through openRuntime). */
  db: Db;
  /** Where evidence files go when the target keeps them on disk. */
  fileStore: 'database' | 'disk';
  dataDir: string;
  /** The CAIRN_SECRET of the target: must be the backup's, or the issuer keys would not open. */
  secret: string;
  passphrase: string;
  input: string;
  progress?: (step: BackupProgress) => void;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: Array<{ name: string; rows: number }>;
  files: number;
}

const BATCH_ROWS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

function parse<T>(line: string, prefix: string): T {
  try {
    return JSON.parse(line.slice(prefix.length)) as T;
  } catch {
    throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.unreadableRecord'));
  }
}

/**
 * Refuses a target that cannot take this backup: another schema version, another CAIRN_SECRET,
 * or rows already in it. Returns the target's tables by name.
 */
async function checkTarget(options: RestoreOptions, header: BackupHeader): Promise<Map<string, TableInfo>> {
  const migrations = await appliedMigrations(options.db);
  if (header.migrations.join(',') !== migrations.join(',')) {
    const unknown = header.migrations.filter((m) => !migrations.includes(m));
    throw new RestoreRefused(
      'other_version',
      unknown.length
        ? commandMessage('cli.errors.backup.newerVersion', {
            version: header.cairnVersion,
            migrations: unknown.join(', '),
          })
        : commandMessage('cli.errors.backup.otherSchema', { version: header.cairnVersion }),
    );
  }
  if (secretMarker(options.secret, header.secret.salt) !== header.secret.marker) {
    throw new RestoreRefused('other_secret', commandMessage('cli.errors.backup.otherSecret'));
  }
  const tables = new Map((await backupTables(options.db)).map((t) => [t.name, t]));
  // Settings of the instance (its public URL) are written by any start, even a refused restore's:
  // they are not data, and the backup's own values replace them.
  const occupied = await tablesWithRows(
    options.db,
    [...tables.keys()].filter((name) => name !== 'instance_settings'),
  );
  if (occupied.length) {
    throw new RestoreRefused(
      'not_empty',
      commandMessage('cli.errors.backup.notEmpty', {
        tables: `${occupied.slice(0, 5).join(', ')}${occupied.length > 5 ? ', …' : ''}`,
      }),
    );
  }
  return tables;
}

/** Everything the manifest lists arrived, and the database now holds exactly that. */
async function checkRestored(tx: Tx, manifest: BackupManifest, summary: RestoreSummary): Promise<void> {
  if (manifest.tables.length !== summary.tables.length || manifest.files.length !== summary.files)
    throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.manifestMismatch'));
  for (const expected of manifest.tables) {
    const got = summary.tables.find((t) => t.name === expected.name);
    if (!got || got.rows !== expected.rows || (await countRows(tx, expected.name)) !== expected.rows)
      throw new RestoreRefused(
        'damaged',
        commandMessage('cli.errors.backup.tableCount', { table: expected.name, rows: expected.rows }),
      );
  }
}

/** Proves the signing keys open under this CAIRN_SECRET before anything is committed. */
async function proveKeysOpen(tx: Tx, secret: string): Promise<void> {
  const vault = keyVault(secret);
  for (const key of await sealedIssuerKeys(tx)) {
    try {
      vault.open(key.private_key_encrypted);
    } catch {
      throw new RestoreRefused(
        'other_secret',
        commandMessage('cli.errors.backup.keyDoesNotOpen', { key: key.public_id }),
      );
    }
  }
}

/** A table record: the target's table, and the backup's columns (all known to this Cairn). */
function beginTable(tables: Map<string, TableInfo>, line: string): { table: TableInfo; columns: string[] } {
  const t = parse<{ name: string; columns: string[] }>(line, RECORD.table);
  const table = tables.get(t.name);
  if (!table)
    throw new RestoreRefused(
      'other_version',
      commandMessage('cli.errors.backup.unknownTable', { table: t.name }),
    );
  const known = new Set(table.columns);
  const unknown = t.columns.filter((c) => !known.has(c));
  if (unknown.length)
    throw new RestoreRefused(
      'other_version',
      commandMessage('cli.errors.backup.unknownColumns', { table: t.name, columns: unknown.join(', ') }),
    );
  return { table, columns: t.columns };
}

/**
 * Restores a backup into an empty, migrated database: everything in one transaction (any
 * problem rolls all of it back), sequences moved past the restored ids, every table's row count
 * and content hash checked against the archive, and the issuer keys opened with this
 * CAIRN_SECRET before the commit. Evidence files go to disk after the commit (when the target
 * keeps files on disk) or into their rows (when it keeps them in the database).
 */
// eslint-disable-next-line max-lines-per-function -- one algorithm in order: the record loop is a single state machine over the archive (table, rows, table end, file, bytes, file end, manifest) whose state the branches share; its checks are the helpers above
export async function restoreDatabase(options: RestoreOptions): Promise<RestoreSummary> {
  let chunks: AsyncGenerator<Buffer>;
  try {
    chunks = await openArchive(options.input, options.passphrase);
  } catch (err) {
    if (err instanceof BackupArchiveError) throw new RestoreRefused(err.code, err.message);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new RestoreRefused(
        'not_a_backup',
        commandMessage('cli.errors.backup.noFile', { file: options.input }),
      );
    throw err;
  }
  const records = lines(chunks);
  const staging = resolve(options.dataDir, 'files', `.restore-${randomBytes(4).toString('hex')}`);
  const staged: string[] = [];
  try {
    const first = await records.next();
    if (first.done || !first.value.startsWith(RECORD.header))
      throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.noHeader'));
    const header = parse<BackupHeader>(first.value, RECORD.header);
    const tables = await checkTarget(options, header);

    const summary: RestoreSummary = { header, tables: [], files: 0 };
    const files: Array<{ sha256: string; path: string }> = [];
    // eslint-disable-next-line max-lines-per-function -- the record loop's state machine (see above)
    await options.db.transaction().execute(async (tx) => {
      if (tables.has('instance_settings')) await clearInstanceSettings(tx);
      let table: TableInfo | null = null;
      let columns: string[] = [];
      let batch: string[] = [];
      let batchBytes = 0;
      let rows = 0;
      let hash = createHash('sha256');
      let file: {
        sha256: string;
        handle: FileHandle;
        path: string;
        hash: ReturnType<typeof createHash>;
        size: number;
        inline: Buffer[];
      } | null = null;
      let manifest: BackupManifest | null = null;
      const flush = async () => {
        if (!table || !batch.length) return;
        await insertRows(tx, table.name, columns, `[${batch.join(',')}]`);
        batch = [];
        batchBytes = 0;
      };
      for await (const line of records) {
        if (manifest) throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.afterManifest'));
        const kind = line.slice(0, 2);
        if (kind === RECORD.row) {
          if (!table)
            throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.rowOutsideTable'));
          const row = line.slice(2);
          hash.update(`${row}\n`);
          rows++;
          batch.push(row);
          batchBytes += row.length;
          if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
        } else if (kind === RECORD.table) {
          ({ table, columns } = beginTable(tables, line));
          rows = 0;
          hash = createHash('sha256');
        } else if (kind === RECORD.tableEnd) {
          const end = parse<{ name: string; rows: number; sha256: string }>(line, RECORD.tableEnd);
          if (!table || end.name !== table.name)
            throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.tableEndWithoutStart'));
          await flush();
          if (end.rows !== rows || end.sha256 !== hash.digest('hex'))
            throw new RestoreRefused(
              'damaged',
              commandMessage('cli.errors.backup.tableMismatch', { table: table.name }),
            );
          await resetSequence(tx, table);
          summary.tables.push({ name: table.name, rows });
          options.progress?.({ table: table.name, rows });
          table = null;
        } else if (kind === RECORD.file) {
          const { sha256 } = parse<{ sha256: string }>(line, RECORD.file);
          if (!/^[0-9a-f]{64}$/.test(sha256))
            throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.badFileName'));
          if (options.fileStore === 'disk') {
            mkdirSync(staging, { recursive: true, mode: 0o700 });
            const path = join(staging, sha256);
            file = {
              sha256,
              path,
              handle: await open(path, 'wx', 0o600),
              hash: createHash('sha256'),
              size: 0,
              inline: [],
            };
            staged.push(path);
          } else
            file = {
              sha256,
              path: '',
              handle: null as unknown as FileHandle,
              hash: createHash('sha256'),
              size: 0,
              inline: [],
            };
        } else if (kind === RECORD.fileBytes) {
          if (!file)
            throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.bytesOutsideFile'));
          const bytes = Buffer.from(line.slice(2), 'base64');
          file.hash.update(bytes);
          file.size += bytes.length;
          if (file.path) await file.handle.write(bytes);
          else file.inline.push(bytes);
        } else if (kind === RECORD.fileEnd) {
          if (!file)
            throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.fileEndWithoutStart'));
          if (file.hash.digest('hex') !== file.sha256)
            throw new RestoreRefused(
              'damaged',
              commandMessage('cli.errors.backup.fileMismatch', { sha256: file.sha256 }),
            );
          if (file.path) {
            await file.handle.sync();
            await file.handle.close();
            files.push({ sha256: file.sha256, path: file.path });
          } else {
            // This database keeps files in their rows: put the bytes where the rows expect them.
            await putEvidenceBytes(tx, file.sha256, Buffer.concat(file.inline));
          }
          summary.files++;
          file = null;
        } else if (kind === RECORD.manifest) {
          manifest = parse<BackupManifest>(line, RECORD.manifest);
        } else throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.unknownRecord'));
      }
      if (!manifest) throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.noManifest'));
      if (table || file) throw new RestoreRefused('damaged', commandMessage('cli.errors.backup.endsInside'));
      await checkRestored(tx, manifest, summary);
      await proveKeysOpen(tx, options.secret);
    });
    const dir = resolve(options.dataDir, 'files');
    for (const f of files) {
      await rename(f.path, join(dir, f.sha256));
    }
    return summary;
  } catch (err) {
    if (err instanceof BackupArchiveError) throw new RestoreRefused(err.code, err.message);
    throw err;
  } finally {
    await records.return(undefined);
    await stat(staging).then(
      () => rm(staging, { recursive: true, force: true }),
      () => {},
    );
  }
}
