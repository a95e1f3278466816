import { crc32 } from '../../credentials/baking/index.ts';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Bakes an OB 2.0 badge: an `iTXt` chunk with keyword `openbadges` carrying the hosted
 * assertion's URL, right after IHDR (the image must not be baked already: pass the plain artwork,
 * so OB 3.0 readers do not find an `openbadgecredential` chunk first). Cairn's extractFromPng
 * reads it back.
 */
export function bakeOb2Png(png: Uint8Array, assertionUrl: string): Uint8Array {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!buf.subarray(0, 8).equals(SIGNATURE) || buf.subarray(12, 16).toString('latin1') !== 'IHDR')
    throw new Error('The badge artwork is not a PNG');
  const ihdrEnd = 8 + 12 + buf.readUInt32BE(8);
  const data = Buffer.concat([
    Buffer.from('openbadges', 'latin1'),
    Buffer.from([0, 0, 0, 0, 0]),
    Buffer.from(assertionUrl, 'utf8'),
  ]);
  const typeAndData = Buffer.concat([Buffer.from('iTXt', 'latin1'), data]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return new Uint8Array(Buffer.concat([buf.subarray(0, ihdrEnd), chunk, buf.subarray(ihdrEnd)]));
}
