import { inflateSync } from 'node:zlib';
import { bakingText, type BakingMessage, type BakingValues } from './messages.ts';

/**
 * A problem with an image given for baking or extraction: a code for programs, and a message of
 * the catalogue (`errors.files.baking.<key>` with its values; the English is `message`), so a page
 * or the `cairn` command can say it in its reader's language.
 */
export class BakingError extends Error {
  constructor(
    readonly code: 'not_png' | 'corrupt_png' | 'not_svg',
    readonly key: BakingMessage,
    readonly values: BakingValues = {},
  ) {
    super(bakingText(key, values));
    this.name = 'BakingError';
  }
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const OB3_KEYWORD = 'openbadgecredential';
const OB2_KEYWORD = 'openbadges';
/** The most text a baked chunk may inflate to. */
const MAX_BAKED_BYTES = 8 * 1024 * 1024;
/** The most chunks read from one PNG (an image has a few dozen; each costs a little work). */
const MAX_CHUNKS = 100_000;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG computes it over a chunk's type and data. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Chunk {
  type: string;
  data: Buffer;
}

function readChunks(png: Uint8Array): Chunk[] {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new BakingError('not_png', 'notPng');
  const chunks: Chunk[] = [];
  let at = 8;
  while (at < buf.length) {
    if (at + 12 > buf.length) throw new BakingError('corrupt_png', 'endsInChunk');
    const length = buf.readUInt32BE(at);
    if (at + 12 + length > buf.length) throw new BakingError('corrupt_png', 'chunkPastEnd');
    const typeAndData = buf.subarray(at + 4, at + 8 + length);
    if (crc32(typeAndData) !== buf.readUInt32BE(at + 8 + length))
      throw new BakingError('corrupt_png', 'wrongChecksum');
    if (chunks.length >= MAX_CHUNKS)
      throw new BakingError('corrupt_png', 'tooManyChunks', { max: MAX_CHUNKS.toLocaleString('en') });
    chunks.push({
      type: typeAndData.subarray(0, 4).toString('latin1'),
      data: Buffer.from(typeAndData.subarray(4)),
    });
    at += 12 + length;
    if (chunks.at(-1)!.type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND')
    throw new BakingError('corrupt_png', 'noHeaderOrEnd');
  return chunks;
}

function writeChunk(chunk: Chunk): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(chunk.data.length, 0);
  head.write(chunk.type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), chunk.data])), 0);
  return Buffer.concat([head, chunk.data, crc]);
}

interface TextChunk {
  keyword: string;
  text: string;
}

function parseText(chunk: Chunk): TextChunk | null {
  const zero = chunk.data.indexOf(0);
  if (zero < 0) return null;
  const keyword = chunk.data.subarray(0, zero).toString('latin1');
  if (chunk.type === 'tEXt') return { keyword, text: chunk.data.subarray(zero + 1).toString('latin1') };
  if (chunk.type !== 'iTXt') return null;
  const compressed = chunk.data[zero + 1] === 1;
  const langEnd = chunk.data.indexOf(0, zero + 3);
  const translatedEnd = langEnd < 0 ? -1 : chunk.data.indexOf(0, langEnd + 1);
  if (translatedEnd < 0) return null;
  const body = chunk.data.subarray(translatedEnd + 1);
  let bytes: Buffer = body;
  if (compressed) {
    try {
      // A small compressed chunk may inflate to gigabytes: no badge is larger than this.
      bytes = inflateSync(body, { maxOutputLength: MAX_BAKED_BYTES });
    } catch {
      throw new BakingError('corrupt_png', 'unreadableText', { megabytes: MAX_BAKED_BYTES / 1024 / 1024 });
    }
  }
  return { keyword, text: bytes.toString('utf8') };
}

/** Embeds an OB 3.0 credential (JSON or compact JWS) in an `iTXt openbadgecredential` chunk; re-baking replaces it. */
export function bakePng(png: Uint8Array, credential: string): Uint8Array {
  const chunks = readChunks(png).filter((c) => !(c.type === 'iTXt' && parseText(c)?.keyword === OB3_KEYWORD));
  const data = Buffer.concat([
    Buffer.from(OB3_KEYWORD, 'latin1'),
    Buffer.from([0, 0, 0, 0, 0]),
    Buffer.from(credential, 'utf8'),
  ]);
  const firstData = chunks.findIndex((c) => c.type === 'IDAT');
  chunks.splice(firstData < 0 ? chunks.length - 1 : firstData, 0, { type: 'iTXt', data });
  return new Uint8Array(Buffer.concat([SIGNATURE, ...chunks.map(writeChunk)]));
}

/** The credential baked in a PNG: OB 3.0 (`openbadgecredential`) first, else OB 2.0 (`openbadges`); null when none. */
export function extractFromPng(png: Uint8Array): { format: 'ob3' | 'ob2'; data: string } | null {
  const texts = readChunks(png)
    .map(parseText)
    .filter((t): t is TextChunk => t !== null);
  const ob3 = texts.find((t) => t.keyword === OB3_KEYWORD);
  if (ob3) return { format: 'ob3', data: ob3.text };
  const ob2 = texts.find((t) => t.keyword === OB2_KEYWORD);
  return ob2 ? { format: 'ob2', data: ob2.text } : null;
}
