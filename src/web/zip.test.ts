import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { crc32 } from '../credentials/baking/index.ts';
import { readZip } from '../testing/zipReader.ts';
import { zipStream, zipToBuffer, type ZipEntry } from './zip.ts';

const dir = mkdtempSync(join(tmpdir(), 'cairn-zip-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ZIP writer', () => {
  test('the CRC-32 the test reader checks with matches the standard check values', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array()), 0);
    assert.equal(crc32(Buffer.from('The quick brown fox jumps over the lazy dog')), 0x414fa339);
  });

  test('an archive of text, binary and non-ASCII names reads back byte for byte, with its dates', async () => {
    const when = new Date('2026-03-04T05:06:08Z');
    const earlier = new Date('2025-11-30T23:59:31Z');
    const binary = randomBytes(5000);
    const json = JSON.stringify({ hello: 'world', list: Array.from({ length: 200 }, (_, i) => i) });
    const archive = await zipToBuffer(
      [
        { name: 'badges/credential.json', data: json },
        { name: 'badges/baked.png', data: binary, modified: earlier },
        { name: 'Café — résumé.txt', data: 'é' },
        { name: 'empty.txt', data: '' },
        { name: '/leading/slash.txt', data: new Uint8Array([1, 2, 3]) },
      ],
      { defaultDate: when },
    );
    const entries = readZip(archive);
    assert.deepEqual(
      entries.map((e) => e.name),
      ['badges/credential.json', 'badges/baked.png', 'Café — résumé.txt', 'empty.txt', 'leading/slash.txt'],
    );
    assert.equal(entries[0]!.data.toString('utf8'), json);
    assert.ok(entries[1]!.data.equals(binary));
    assert.equal(entries[2]!.data.toString('utf8'), 'é');
    assert.equal(entries[3]!.data.length, 0);
    assert.deepEqual([...entries[4]!.data], [1, 2, 3]);
    assert.equal(entries[0]!.modified.toISOString(), when.toISOString());
    assert.equal(entries[1]!.modified.toISOString(), earlier.toISOString());
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
      assert.equal(readFileSync(join(out, 'Café — résumé.txt'), 'utf8'), 'é');
    }
  });

  test('entries are taken one at a time as the archive is read (two at most held), and cancelling closes the source', async () => {
    let produced = 0;
    let closed = false;
    // Forty incompressible megabytes, made only when asked for.
    async function* lazy(): AsyncGenerator<ZipEntry> {
      try {
        for (let i = 0; i < 40; i++) {
          produced++;
          yield { name: `f${i}.bin`, data: randomBytes(1024 * 1024) };
        }
      } finally {
        closed = true;
      }
    }
    const reader = zipStream(lazy()).getReader();
    const first = await reader.read();
    assert.ok(first.value && first.value.length > 0);
    // Wait for whatever the writer does unasked, then count.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(produced <= 2, `only what was read is built (built ${produced})`);
    // Reading on takes the next entries.
    let bytes = first.value.length;
    while (bytes < 3.5 * 1024 * 1024) bytes += (await reader.read()).value?.length ?? 0;
    assert.ok(produced >= 4 && produced <= 6, `built ${produced} for ${bytes} bytes read`);
    await reader.cancel();
    assert.equal(closed, true);
  });

  test('unsafe and repeated names are refused', async () => {
    for (const name of ['../escape.txt', 'a/../../b.txt', 'a//b.txt', 'C:/windows/x.txt', '', 'dir/']) {
      await assert.rejects(zipToBuffer([{ name, data: 'x' }]), /safe file name/, JSON.stringify(name));
    }
    await assert.rejects(
      zipToBuffer([
        { name: 'a.txt', data: 'x' },
        { name: 'a.txt', data: 'y' },
      ]),
      /Two files/,
    );
  });

  test('an archive of many entries streams through in order', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `dir${i % 7}/entry-${i}.json`);
    const archive = await zipToBuffer(
      names.map((name, i) => ({ name, data: JSON.stringify({ i, padding: 'x'.repeat(i % 300) }) })),
    );
    const entries = readZip(archive);
    assert.deepEqual(
      entries.map((e) => e.name),
      names,
    );
    assert.deepEqual(JSON.parse(entries[2999]!.data.toString('utf8')), {
      i: 2999,
      padding: 'x'.repeat(2999 % 300),
    });
  });
});
