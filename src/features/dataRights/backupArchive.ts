import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { commandMessage } from '../../web/i18n/commandMessages.ts';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * The encrypted container of a Cairn backup.
 *
 *   "CAIRN-BACKUP 1\n" + one JSON header line (scrypt parameters, salt, passphrase check)
 *   then frames: [u32 BE length][AES-256-GCM ciphertext + 16-byte tag] …
 *
 * The plaintext is cut into chunks of CHUNK bytes, each sealed on its own (the STREAM
 * construction): the nonce is the chunk's number plus a flag on the last chunk, and the header
 * is the associated data of every chunk. So a reader authenticates each chunk before using it,
 * and a reordered, dropped, truncated or appended chunk, or an edited header, is refused. The
 * key comes from scrypt over the passphrase and a random salt, so every archive has its own key
 * and counter nonces never repeat under one key. A wrong passphrase is told apart from damage
 * by an HMAC check value in the header.
 */
export const MAGIC = 'CAIRN-BACKUP 1\n';
/** Plaintext bytes per sealed chunk (at most; readers refuse larger ones). */
export const CHUNK = 256 * 1024;
const TAG = 16;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };

interface Header {
  format: 1;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  check: string;
}

/** The archive cannot be read: a wrong passphrase, damage, or not a backup at all. */
export class BackupArchiveError extends Error {
  constructor(
    readonly code: 'not_a_backup' | 'wrong_passphrase' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'BackupArchiveError';
  }
}

function deriveKeys(
  passphrase: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<{ key: Buffer; check: Buffer }> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      64,
      { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, out) => {
        if (err) reject(err);
        else
          resolve({
            key: out.subarray(0, 32),
            check: createHmac('sha256', out.subarray(32)).update('cairn backup passphrase check').digest(),
          });
      },
    );
  });
}

function nonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 4, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/** Writes an archive to an open file: `write` plaintext as it comes, `finish` seals the last chunk. */
export async function archiveWriter(
  file: FileHandle,
  passphrase: string,
  chunkSize = CHUNK,
): Promise<{ write(data: Buffer | string): Promise<void>; finish(): Promise<void> }> {
  const salt = randomBytes(16);
  const { key, check } = await deriveKeys(passphrase, salt, SCRYPT);
  const header: Header = {
    format: 1,
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    check: check.toString('base64'),
  };
  const aad = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
  await file.write(aad);
  let pending: Buffer[] = [];
  let size = 0;
  let counter = 0;
  const seal = async (plain: Buffer, last: boolean) => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(counter++, last));
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    await file.write(Buffer.concat([length, body]));
  };
  return {
    async write(data) {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      pending.push(buf);
      size += buf.length;
      while (size > chunkSize) {
        const all = Buffer.concat(pending);
        await seal(all.subarray(0, chunkSize), false);
        pending = [all.subarray(chunkSize)];
        size = all.length - chunkSize;
      }
    },
    async finish() {
      await seal(Buffer.concat(pending), true);
      pending = [];
      size = 0;
    },
  };
}

/** Byte reader over a file stream: exactly n bytes, or fewer at the end. */
function byteReader(path: string) {
  const iterator = createReadStream(path, { highWaterMark: CHUNK })[
    Symbol.asyncIterator
  ]() as AsyncIterator<Buffer>;
  let buffered: Buffer = Buffer.alloc(0);
  let ended = false;
  return {
    async take(n: number): Promise<Buffer> {
      while (buffered.length < n && !ended) {
        const next = await iterator.next();
        if (next.done) ended = true;
        else buffered = buffered.length ? Buffer.concat([buffered, next.value]) : next.value;
      }
      const out = buffered.subarray(0, n);
      buffered = buffered.subarray(out.length);
      return out;
    },
    async line(max: number): Promise<Buffer> {
      for (;;) {
        const at = buffered.indexOf(10);
        if (at >= 0) {
          const out = buffered.subarray(0, at + 1);
          buffered = buffered.subarray(at + 1);
          return out;
        }
        if (ended || buffered.length > max) return Buffer.alloc(0);
        const next = await iterator.next();
        if (next.done) ended = true;
        else buffered = Buffer.concat([buffered, next.value]);
      }
    },
    async close() {
      await iterator.return?.();
    },
  };
}

/** The archive's header line, or null when it is not one this Cairn can read safely. */
function readHeader(line: Buffer): Header | null {
  try {
    const header = JSON.parse(line.toString('utf8')) as Header;
    if (
      header.format !== 1 ||
      header.kdf?.name !== 'scrypt' ||
      typeof header.kdf.salt !== 'string' ||
      typeof header.check !== 'string'
    )
      return null;
    if (header.kdf.N > 2 ** 20 || header.kdf.r > 32 || header.kdf.p > 16) return null;
    return header;
  } catch {
    return null;
  }
}

/** One sealed part opened with its nonce, or null when it fails its integrity check. */
function decryptChunk(key: Buffer, aad: Buffer, iv: Buffer, body: Buffer): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(body.subarray(body.length - TAG));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG)), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * Opens an archive: checks the passphrase before anything else, then yields the plaintext one
 * authenticated chunk at a time. Throws BackupArchiveError for every way an archive can be bad.
 */
export async function openArchive(path: string, passphrase: string): Promise<AsyncGenerator<Buffer>> {
  const reader = byteReader(path);
  const magic = await reader.take(MAGIC.length);
  if (magic.toString('utf8') !== MAGIC) {
    await reader.close();
    throw new BackupArchiveError(
      'not_a_backup',
      commandMessage('cli.errors.backup.notABackup', { file: path }),
    );
  }
  const line = await reader.line(4096);
  const header = readHeader(line);
  if (!header) {
    await reader.close();
    throw new BackupArchiveError(
      'damaged',
      commandMessage('cli.errors.backup.headerUnreadable', { file: path }),
    );
  }
  const { key, check } = await deriveKeys(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  const expected = Buffer.from(header.check, 'base64');
  if (expected.length !== check.length || !timingSafeEqual(expected, check)) {
    await reader.close();
    throw new BackupArchiveError('wrong_passphrase', commandMessage('cli.errors.backup.wrongPassphrase'));
  }
  const aad = Buffer.concat([magic, line]);
  return (async function* chunks() {
    try {
      for (let counter = 0; ; counter++) {
        const length = await reader.take(4);
        if (length.length < 4)
          throw new BackupArchiveError('damaged', commandMessage('cli.errors.backup.cutShort'));
        const size = length.readUInt32BE();
        if (size < TAG || size > CHUNK + TAG)
          throw new BackupArchiveError(
            'damaged',
            commandMessage('cli.errors.backup.damagedPart', { part: counter + 1 }),
          );
        const body = await reader.take(size);
        if (body.length < size)
          throw new BackupArchiveError('damaged', commandMessage('cli.errors.backup.cutShort'));
        const open = (last: boolean) => decryptChunk(key, aad, nonce(counter, last), body);
        const middle = open(false);
        const plain = middle ?? open(true);
        if (!plain)
          throw new BackupArchiveError(
            'damaged',
            commandMessage('cli.errors.backup.alteredPart', { part: counter + 1 }),
          );
        yield plain;
        if (!middle) {
          if ((await reader.take(1)).length)
            throw new BackupArchiveError('damaged', commandMessage('cli.errors.backup.dataAfterEnd'));
          return;
        }
      }
    } finally {
      await reader.close();
    }
  })();
}

/** Splits a byte stream into lines (without the newline). */
export async function* lines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest: Buffer[] = [];
  for await (const chunk of chunks) {
    let from = 0;
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, from)) {
      rest.push(chunk.subarray(from, at));
      yield Buffer.concat(rest).toString('utf8');
      rest = [];
      from = at + 1;
    }
    if (from < chunk.length) rest.push(chunk.subarray(from));
  }
  if (rest.length && Buffer.concat(rest).length)
    throw new BackupArchiveError('damaged', commandMessage('cli.errors.backup.endsMidRecord'));
}
