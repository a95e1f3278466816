import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { base58MaxChars, base58btcDecode, base58btcEncode } from './base58.ts';
import { decodeMultikeyPublic, generateEd25519 } from './ed25519.ts';
import { resolveDidKey } from './didKey.ts';

describe('base58btc', () => {
  test('round-trips, keeps leading zero bytes and knows the Multikey prefix', () => {
    for (let n = 0; n <= 70; n++) {
      const bytes = randomBytes(n);
      if (n > 2) bytes[0] = 0;
      const text = base58btcEncode(bytes);
      assert.ok(text.length <= base58MaxChars(n), `${n} bytes took ${text.length} characters`);
      assert.deepEqual(Buffer.from(base58btcDecode(text, Math.max(n, 1))), bytes);
    }
    assert.deepEqual(Buffer.from(base58btcDecode('1112', 4)), Buffer.from([0, 0, 0, 1]));
    assert.match(generateEd25519().publicKeyMultibase, /^z6Mk/);
  });

  test('the worst case of each size fits the bound: all 0xff bytes and all zero bytes', () => {
    for (const n of [32, 34, 64]) {
      assert.ok(base58btcEncode(new Uint8Array(n).fill(0xff)).length <= base58MaxChars(n));
      assert.ok(base58btcEncode(new Uint8Array(n)).length <= base58MaxChars(n));
    }
  });

  test('text longer than the format allows is refused before decoding, whatever its length', () => {
    assert.throws(() => base58btcDecode('2'.repeat(200_000), 64), /too long/i);
    assert.throws(() => base58btcDecode('2'.repeat(base58MaxChars(64) + 1), 64), /too long/i);
    // Within the character bound but more bytes than allowed.
    assert.throws(() => base58btcDecode('z'.repeat(base58MaxChars(4)), 4), /too long/i);
    assert.throws(() => base58btcDecode('0OIl', 4), /Invalid base58 character "0"/);
  });

  test('a did:key or Multikey with a 60,000-character key is refused as too long', () => {
    const huge = `z6Mk${'2'.repeat(60_000)}`;
    assert.throws(() => decodeMultikeyPublic(huge), /too long/i);
    assert.throws(() => resolveDidKey(`did:key:${huge}#${huge}`), /too long/i);
  });
});
