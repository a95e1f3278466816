import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

/**
 * Where evidence file bytes live. The default keeps them in the database, so every web and
 * worker process on every machine can serve them; `disk` keeps them in CAIRN_DATA_DIR/files
 * (one machine, or a shared volume). Content-addressed by sha256.
 */
export interface FileStore {
  readonly kind: 'database' | 'disk';
  /** What to store in the row's `bytes` column (the bytes themselves, or nothing for disk). */
  put(bytes: Uint8Array): { sha256: string; inline: Uint8Array };
  /** The bytes of a stored file. */
  get(row: { sha256: string; bytes: Uint8Array }): Uint8Array;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Files inside the database rows. */
export const databaseFileStore: FileStore = {
  kind: 'database',
  put: (bytes) => ({ sha256: sha256(bytes), inline: bytes }),
  get: (row) => row.bytes,
};

/** Files on local disk under a folder, named by their sha256. */
export function diskFileStore(dataDir: string): FileStore {
  const dir = resolve(dataDir, 'files');
  mkdirSync(dir, { recursive: true });
  return {
    kind: 'disk',
    put(bytes) {
      const hash = sha256(bytes);
      const path = join(dir, hash);
      if (!existsSync(path)) writeFileSync(path, bytes, { mode: 0o600 });
      return { sha256: hash, inline: new Uint8Array(0) };
    },
    get(row) {
      if (!/^[0-9a-f]{64}$/.test(row.sha256)) throw new Error('Bad file key');
      return new Uint8Array(readFileSync(join(dir, row.sha256)));
    },
  };
}
