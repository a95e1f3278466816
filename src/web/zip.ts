import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { crc32 } from '../credentials/baking/index.ts';

/** One file of a ZIP archive. */
export interface ZipEntry {
  /** Path inside the archive, with forward slashes (UTF-8). */
  name: string;
  data: Uint8Array | string;
  modified?: Date;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_FLAG = 0x0800;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

/** MS-DOS time and date (local fields of the archive, taken as UTC), 2-second precision. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

function safeName(name: string): string {
  const clean = name.replace(/\\/g, '/').replace(/^\/+/, '');
  if (!clean || clean.split('/').some((part) => part === '..' || part === '')) throw new Error(`Not a safe file name for a ZIP: ${name}`);
  return clean;
}

/**
 * Writes a ZIP archive (PKZIP 2.0: stored or deflated entries, UTF-8 names, no ZIP64) as a
 * stream: each entry is compressed and emitted when the reader asks for it, so only one entry
 * is in memory at a time; the central directory follows the last entry.
 */
export function zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, options: { defaultDate?: Date } = {}): ReadableStream<Uint8Array> {
  const iterator = Symbol.asyncIterator in entries ? entries[Symbol.asyncIterator]() : (entries as Iterable<ZipEntry>)[Symbol.iterator]();
  const central: Buffer[] = [];
  const names = new Set<string>();
  let offset = 0;
  let count = 0;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      const next = await iterator.next();
      if (next.done) {
        const directory = Buffer.concat(central);
        if (count > MAX_16 || offset > MAX_32 || directory.length > MAX_32) throw new Error('The archive is too large for a ZIP without ZIP64');
        const end = Buffer.alloc(22);
        end.writeUInt32LE(END, 0);
        end.writeUInt16LE(count, 8);
        end.writeUInt16LE(count, 10);
        end.writeUInt32LE(directory.length, 12);
        end.writeUInt32LE(offset, 16);
        controller.enqueue(new Uint8Array(Buffer.concat([directory, end])));
        done = true;
        controller.close();
        return;
      }
      const entry = next.value;
      const name = safeName(entry.name);
      if (names.has(name)) throw new Error(`Two files named ${name} in one ZIP`);
      names.add(name);
      const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
      const deflated = raw.length > 64 ? deflateRawSync(raw) : null;
      const method = deflated && deflated.length < raw.length ? 8 : 0;
      const body = method === 8 ? deflated! : raw;
      const crc = crc32(raw);
      const nameBytes = Buffer.from(name, 'utf8');
      const { time, date } = dosDateTime(entry.modified ?? options.defaultDate ?? new Date());
      if (raw.length > MAX_32 || offset > MAX_32) throw new Error('The archive is too large for a ZIP without ZIP64');

      const local = Buffer.alloc(30);
      local.writeUInt32LE(LOCAL, 0);
      local.writeUInt16LE(20, 4); // version needed: 2.0
      local.writeUInt16LE(UTF8_FLAG, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(raw.length, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      local.writeUInt16LE(0, 28);

      const record = Buffer.alloc(46);
      record.writeUInt32LE(CENTRAL, 0);
      record.writeUInt16LE(20, 4); // made by: 2.0 (MS-DOS attributes)
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(UTF8_FLAG, 8);
      record.writeUInt16LE(method, 10);
      record.writeUInt16LE(time, 12);
      record.writeUInt16LE(date, 14);
      record.writeUInt32LE(crc, 16);
      record.writeUInt32LE(body.length, 20);
      record.writeUInt32LE(raw.length, 24);
      record.writeUInt16LE(nameBytes.length, 28);
      // extra, comment, disk, internal and external attributes stay 0
      record.writeUInt32LE(offset, 42);
      central.push(record, nameBytes);

      const chunk = Buffer.concat([local, nameBytes, body]);
      offset += chunk.length;
      count++;
      controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    },
    async cancel() {
      done = true;
      if ('return' in iterator && typeof iterator.return === 'function') await iterator.return();
    },
  });
}

/** The whole archive in memory (for small archives and tests). */
export async function zipToBuffer(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, options: { defaultDate?: Date } = {}): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = zipStream(entries, options).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/** Reads a ZIP written by zipStream (stored or deflated, no ZIP64) through its central directory; checks every CRC. */
export function readZip(archive: Uint8Array): Array<{ name: string; data: Buffer; modified: Date }> {
  const buf = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - MAX_16); i--) {
    if (buf.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('Not a ZIP archive: no end of central directory');
  const total = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out: Array<{ name: string; data: Buffer; modified: Date }> = [];
  for (let n = 0; n < total; n++) {
    if (buf.readUInt32LE(at) !== CENTRAL) throw new Error('Damaged central directory');
    const method = buf.readUInt16LE(at + 10);
    const time = buf.readUInt16LE(at + 12);
    const date = buf.readUInt16LE(at + 14);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const localAt = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (buf.readUInt32LE(localAt) !== LOCAL) throw new Error(`Damaged local header for ${name}`);
    const dataAt = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
    const body = buf.subarray(dataAt, dataAt + size);
    const data = method === 8 ? inflateRawSync(body) : method === 0 ? Buffer.from(body) : null;
    if (!data) throw new Error(`${name} uses compression method ${method}`);
    if (crc32(data) !== crc) throw new Error(`${name} fails its CRC check`);
    const modified = new Date(Date.UTC((date >> 9) + 1980, ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2));
    out.push({ name, data, modified });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}
