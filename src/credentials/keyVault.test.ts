import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { keyVault } from './keyVault.ts';

// Issuers' private signing keys are kept sealed under CAIRN_SECRET (docs/SECURITY.md: signing keys).
test('a sealed key opens only with the same secret, never shows its bytes, and refuses any alteration', () => {
  const seed = randomBytes(32);
  const vault = keyVault('the right secret, long enough');
  const sealed = vault.seal(seed);
  assert.match(sealed, /^v1\./);
  assert.ok(
    !Buffer.from(sealed.slice(3), 'base64url').includes(seed),
    'the key bytes do not appear in the sealed text',
  );
  assert.notEqual(vault.seal(seed), sealed, 'a fresh IV each time: equal keys do not look equal at rest');
  assert.deepEqual(Buffer.from(vault.open(sealed)), seed);

  assert.throws(() => keyVault('another secret').open(sealed), /CAIRN_SECRET differs/);
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  raw[raw.length - 1]! ^= 1;
  assert.throws(() => vault.open(`v1.${raw.toString('base64url')}`), /CAIRN_SECRET differs/);
  assert.throws(() => vault.open('v0.abc'), /Unknown key encryption format/);
});
