import { inflateRawSync } from 'node:zlib';
import { crc32 } from '../credentials/baking/index.ts';

/**
 * TEST-ONLY: a small ZIP reader, so tests can check archives written by src/web/zip.ts (yazl
 * writes; no ZIP reading library is installed). Reads through the central directory, stored or
 * deflated entries, no ZIP64; checks every CRC. The modification time comes from the Info-ZIP
 * extended timestamp (UTC) when present, else from the MS-DOS fields (read as UTC).
 */
export function readZip(archive: Uint8Array): Array<{ name: string; data: Buffer; modified: Date }> {
  const buf = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('Not a ZIP archive: no end of central directory');
  const total = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out: Array<{ name: string; data: Buffer; modified: Date }> = [];
  for (let n = 0; n < total; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('Damaged central directory');
    const method = buf.readUInt16LE(at + 10);
    const time = buf.readUInt16LE(at + 12);
    const date = buf.readUInt16LE(at + 14);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const localAt = buf.readUInt32LE(at + 42);
    if (size === 0xffffffff || localAt === 0xffffffff) throw new Error('ZIP64 is not read here');
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const extra = buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    if (buf.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`Damaged local header for ${name}`);
    const dataAt = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
    const body = buf.subarray(dataAt, dataAt + size);
    const data = method === 8 ? inflateRawSync(body) : method === 0 ? Buffer.from(body) : null;
    if (!data) throw new Error(`${name} uses compression method ${method}`);
    if (crc32(data) !== crc) throw new Error(`${name} fails its CRC check`);
    let modified = new Date(
      Date.UTC(
        (date >> 9) + 1980,
        ((date >> 5) & 15) - 1,
        date & 31,
        time >> 11,
        (time >> 5) & 63,
        (time & 31) * 2,
      ),
    );
    for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2)) {
      if (extra.readUInt16LE(e) === 0x5455 && extra.readUInt16LE(e + 2) >= 5 && (extra[e + 4]! & 1) === 1)
        modified = new Date(extra.readInt32LE(e + 5) * 1000);
    }
    out.push({ name, data, modified });
    at += 46 + nameLength + extraLength + comment;
  }
  return out;
}
