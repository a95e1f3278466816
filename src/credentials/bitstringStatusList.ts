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
  if (index < 0 || index >= bits.length * 8)
    throw new RangeError(`Status index ${index} is outside the list`);
  return ((bits[index >> 3]! >> (7 - (index & 7))) & 1) === 1;
}

/** Returns a copy with bit `index` set or cleared. */
export function setBit(bits: Uint8Array, index: number, value: boolean): Uint8Array {
  if (index < 0 || index >= bits.length * 8)
    throw new RangeError(`Status index ${index} is outside the list`);
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
  return new Uint8Array(
    gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: 16 * 1024 * 1024 }),
  );
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
export function statusListCredential(options: {
  url: string;
  issuer: string;
  purpose: 'revocation' | 'suspension';
  bits: Uint8Array;
  validFrom: string;
}): Record<string, unknown> {
  return {
    '@context': [VC_V2],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: options.validFrom,
    credentialSubject: {
      id: `${options.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.purpose,
      encodedList: encodeList(options.bits),
    },
  };
}

/*
 * Reading status entries and lists as the Bitstring Status List recommendation says
 * (https://www.w3.org/TR/vc-bitstring-status-list/): an entry names a list, an index and a
 * purpose, and may have statusSize bits per credential with a statusMessage for each value.
 */

/** The purposes the recommendation defines (others are reported, never acted on). */
export type StatusPurpose = 'revocation' | 'suspension' | 'refresh' | 'message';

/** A BitstringStatusListEntry, checked. */
export interface StatusEntry {
  purpose: string;
  index: number;
  /** Bits per credential (statusSize, default 1). */
  size: number;
  listUrl: string;
  /** statusMessage: the message of each status value. */
  messages: Map<number, string>;
  /** statusReference: where the issuer explains the values. */
  references: string[];
}

/** The most bits per credential read (2^8 = 256 status values is plenty). */
export const MAX_STATUS_SIZE = 8;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a BitstringStatusListEntry, or says what is malformed (MALFORMED_VALUE_ERROR). */
export function readStatusEntry(entry: Json): StatusEntry | { malformed: string } {
  const url = entry.statusListCredential;
  if (typeof url !== 'string' || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(url) || !URL.canParse(url))
    return { malformed: 'statusListCredential must be the URL of a status list' };
  if (typeof entry.statusListIndex !== 'string' || !/^(0|[1-9][0-9]*)$/.test(entry.statusListIndex))
    return { malformed: 'statusListIndex must be a whole number written as text, e.g. "94567"' };
  const index = Number(entry.statusListIndex);
  if (!Number.isSafeInteger(index)) return { malformed: 'statusListIndex is too large' };
  const purpose = entry.statusPurpose;
  if (typeof purpose !== 'string' || !purpose)
    return {
      malformed: 'statusPurpose must say what the entry is for (revocation, suspension, refresh or message)',
    };
  const size = entry.statusSize === undefined ? 1 : entry.statusSize;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
    return { malformed: 'statusSize must be a whole number of at least 1' };
  if (size > MAX_STATUS_SIZE)
    return { malformed: `statusSize ${size} is larger than the ${MAX_STATUS_SIZE} bits read here` };
  const messages = new Map<number, string>();
  if (entry.statusMessage !== undefined) {
    const list = [entry.statusMessage].flat();
    for (const m of list) {
      if (
        !isObject(m) ||
        typeof m.status !== 'string' ||
        !/^0x[0-9a-f]+$/i.test(m.status) ||
        typeof m.message !== 'string'
      )
        return { malformed: 'Each statusMessage must be {"status": "0x…", "message": "…"}' };
      const value = parseInt(m.status.slice(2), 16);
      if (value >= 2 ** size)
        return { malformed: `statusMessage ${m.status} does not fit in ${size} bit${size === 1 ? '' : 's'}` };
      messages.set(value, m.message);
    }
    if (messages.size !== 2 ** size)
      return {
        malformed: `statusMessage must give a message for each of the ${2 ** size} values of ${size} bit${size === 1 ? '' : 's'}`,
      };
  } else if (size > 1)
    return { malformed: 'An entry with statusSize greater than 1 must have a statusMessage for each value' };
  const references = entry.statusReference === undefined ? [] : [entry.statusReference].flat();
  if (!references.every((r): r is string => typeof r === 'string' && URL.canParse(r)))
    return { malformed: 'statusReference must be one or more URLs' };
  return { purpose, index, size, listUrl: url, messages, references };
}

/** The status value at a credential's position: `size` bits from index × size, most significant first (RANGE_ERROR outside the list). */
export function statusValue(bits: Uint8Array, index: number, size: number): number {
  const start = index * size;
  if (!Number.isSafeInteger(start) || start + size > bits.length * 8)
    throw new RangeError(
      `Status index ${index} (× ${size} bits) is outside the list of ${bits.length * 8} bits`,
    );
  let value = 0;
  for (let i = 0; i < size; i++) value = (value << 1) | (getBit(bits, start + i) ? 1 : 0);
  return value;
}
