import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeList,
  emptyBitstring,
  encodeList,
  getBit,
  randomIndex,
  setBit,
  MIN_STATUS_LIST_SIZE,
} from './bitstringStatusList.ts';

test('bits are numbered from the most significant bit of the first byte', () => {
  let bits = emptyBitstring(16);
  bits = setBit(bits, 0, true);
  bits = setBit(bits, 9, true);
  assert.deepEqual([...bits], [0b1000_0000, 0b0100_0000]);
  assert.equal(getBit(bits, 9), true);
  assert.equal(getBit(setBit(bits, 9, false), 9), false);
  assert.throws(() => getBit(bits, 16), RangeError);
});

test('encodedList round-trips through GZIP and multibase base64url, and a full list is small', () => {
  let bits = emptyBitstring();
  assert.equal(bits.length * 8, MIN_STATUS_LIST_SIZE);
  for (const i of [0, 7, 8, 131_071, 65_432]) bits = setBit(bits, i, true);
  const encoded = encodeList(bits);
  assert.match(encoded, /^u[A-Za-z0-9_-]+$/);
  assert.ok(encoded.length < 400, 'a sparse list compresses well');
  assert.deepEqual(decodeList(encoded), bits);
  assert.throws(() => decodeList('zabc'), /multibase base64url/);
});

test('random indexes avoid taken ones and spread over the list', () => {
  const taken = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const index = randomIndex(MIN_STATUS_LIST_SIZE, (n) => taken.has(n))!;
    assert.ok(!taken.has(index));
    taken.add(index);
  }
  const sorted = [...taken].sort((a, b) => a - b);
  assert.ok(sorted[0]! < 10_000 && sorted.at(-1)! > 120_000, 'not sequential');
  assert.equal(
    randomIndex(8, () => true, 5),
    null,
  );
});
