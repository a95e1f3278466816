import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseFileStore, diskFileStore } from './fileStore.ts';

test('file stores keep bytes in the row (database) or on disk by sha256 (disk), and give them back', () => {
  const bytes = new TextEncoder().encode('%PDF-1.4 evidence');
  const inDb = databaseFileStore.put(bytes);
  assert.equal(inDb.inline, bytes);
  assert.deepEqual(databaseFileStore.get({ sha256: inDb.sha256, bytes: inDb.inline }), bytes);
  const dir = mkdtempSync(join(tmpdir(), 'cairn-files-'));
  const disk = diskFileStore(dir);
  const stored = disk.put(bytes);
  assert.equal(stored.inline.length, 0);
  assert.deepEqual(readdirSync(join(dir, 'files')), [stored.sha256]);
  assert.deepEqual(disk.get({ sha256: stored.sha256, bytes: new Uint8Array(0) }), bytes);
  assert.throws(() => disk.get({ sha256: '../../etc/passwd', bytes: new Uint8Array(0) }), /Bad file key/);
});
