import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { crc32 } from '../credentials/baking/index.ts';
import { readZip, zipStream, zipToBuffer } from './zip.ts';

const dir = mkdtempSync(join(tmpdir(), 'cairn-zip-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ZIP writer', () => {
  test('CRC-32 matches the standard check values', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array()), 0);
    assert.equal(crc32(Buffer.from('The quick brown fox jumps over the lazy dog')), 0x414fa339);
  });

  test('an archive of text, binary and non-ASCII names reads back byte for byte, with its dates', async () => {
    const when = new Date('2026-03-04T05:06:08Z');
    const binary = randomBytes(5000);
    const json = JSON.stringify({ hello: 'world', list: Array.from({ length: 200 }, (_, i) => i) });
    const archive = await zipToBuffer(
      [
        { name: 'badges/credential.json', data: json },
        { name: 'badges/baked.png', data: binary },
        { name: 'Café — résumé.txt', data: 'é' },
        { name: 'empty.txt', data: '' },
      ],
      { defaultDate: when },
    );
    const entries = readZip(archive);
    assert.deepEqual(
      entries.map((e) => e.name),
      ['badges/credential.json', 'badges/baked.png', 'Café — résumé.txt', 'empty.txt'],
    );
    assert.equal(entries[0]!.data.toString('utf8'), json);
    assert.ok(entries[1]!.data.equals(binary));
    assert.equal(entries[2]!.data.toString('utf8'), 'é');
    assert.equal(entries[3]!.data.length, 0);
    assert.equal(entries[0]!.modified.toISOString(), when.toISOString());
    assert.ok(archive.length < json.length + binary.length + 1000, 'the JSON is deflated');

    // The system's unzip, when present, agrees (an independent reader).
    if (existsSync('/usr/bin/unzip')) {
      const file = join(dir, 'a.zip');
      writeFileSync(file, archive);
      execFileSync('/usr/bin/unzip', ['-tq', file]);
      const out = join(dir, 'out');
      execFileSync('/usr/bin/unzip', ['-q', file, '-d', out]);
      assert.equal(readFileSync(join(out, 'badges/credential.json'), 'utf8'), json);
      assert.ok(readFileSync(join(out, 'badges/baked.png')).equals(binary));
    }
  });

  test('entries are produced one at a time as the stream is read, and unsafe names are refused', async () => {
    let produced = 0;
    function* lazy() {
      for (let i = 0; i < 3; i++) {
        produced++;
        yield { name: `f${i}.txt`, data: `file ${i}` };
      }
    }
    const reader = zipStream(lazy()).getReader();
    await reader.read();
    assert.ok(produced <= 2, `only what was read is built (built ${produced})`);
    await reader.cancel();
    await assert.rejects(zipToBuffer([{ name: '../escape.txt', data: 'x' }]), /safe file name/);
    await assert.rejects(zipToBuffer([{ name: 'a.txt', data: 'x' }, { name: 'a.txt', data: 'y' }]), /Two files/);
  });
});
