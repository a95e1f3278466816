import { gunzipSync, gzipSync } from 'node:zlib';
import { randomInt } from 'node:crypto';
import { VC_V2 } from './contexts.ts';

/** The smallest list the Bitstring Status List spec allows for herd privacy: 131,072 entries (16 KiB). */
export const MIN_STATUS_LIST_SIZE = 131_072;

/** A fresh all-zero bitstring of `size` bits. */
export function emptyBitstring(size = MIN_STATUS_LIST_SIZE): Uint8Array {
  if (size % 8 !== 0) throw new Error('A status list size is a multiple of 8');
  return new Uint8Array(size / 8);
}

/** Bit `index` (index 0 is the most significant bit of the first byte, as the spec says). */
export function getBit(bits: Uint8Array, index: number): boolean {
  if (index < 0 || index >= bits.length * 8) throw new RangeError(`Status index ${index} is outside the list`);
  return ((bits[index >> 3]! >> (7 - (index & 7))) & 1) === 1;
}

/** Returns a copy with bit `index` set or cleared. */
export function setBit(bits: Uint8Array, index: number, value: boolean): Uint8Array {
  if (index < 0 || index >= bits.length * 8) throw new RangeError(`Status index ${index} is outside the list`);
  const copy = new Uint8Array(bits);
  const mask = 1 << (7 - (index & 7));
  copy[index >> 3] = value ? copy[index >> 3]! | mask : copy[index >> 3]! & ~mask;
  return copy;
}

/** encodedList: multibase base64url ('u') of the GZIP-compressed bitstring. */
export function encodeList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** Decodes an encodedList; throws on anything but multibase base64url GZIP. */
export function decodeList(encoded: string): Uint8Array {
  if (!encoded.startsWith('u')) throw new Error('encodedList must be multibase base64url (u…)');
  return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: 16 * 1024 * 1024 }));
}

/** A random unused index, so neighbouring credentials reveal nothing about each other. */
export function randomIndex(size: number, taken: (index: number) => boolean, attempts = 64): number | null {
  for (let i = 0; i < attempts; i++) {
    const index = randomInt(0, size);
    if (!taken(index)) return index;
  }
  return null;
}

/** The unsigned BitstringStatusListCredential for a list. */
export function statusListCredential(options: { url: string; issuer: string; purpose: 'revocation' | 'suspension'; bits: Uint8Array; validFrom: string }): Record<string, unknown> {
  return {
    '@context': [VC_V2],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: options.validFrom,
    credentialSubject: { id: `${options.url}#list`, type: 'BitstringStatusList', statusPurpose: options.purpose, encodedList: encodeList(options.bits) },
  };
}
