export { bakePng, extractFromPng, BakingError, crc32 } from './png.ts';
export { bakeSvg, extractFromSvg } from './svg.ts';

/** 'png' or 'svg' by looking at the bytes (never the file name), or null. */
export function sniffImage(bytes: Uint8Array): 'png' | 'svg' | null {
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47 &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  )
    return 'png';
  const head = Buffer.from(bytes.subarray(0, 1024))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const stripped = head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|\s+/gi, '');
  return stripped.startsWith('<svg') ? 'svg' : null;
}
