import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../bin/cairn.mjs');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 });

describe('the cairn command', () => {
  test('--help lists the commands and every setting', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0);
    for (const word of ['serve', 'worker', 'migrate', 'demo', 'DATABASE_URL', 'CAIRN_DEMO', 'SMTP_URL', 'PORT']) assert.match(r.stdout, new RegExp(word));
  });

  test('every command has its own --help', () => {
    for (const command of ['serve', 'worker', 'migrate', 'demo']) {
      const r = run([command, '--help']);
      assert.equal(r.status, 0, command);
      assert.match(r.stdout, new RegExp(`Usage: cairn ${command}`));
    }
  });

  test('a bad setting stops start-up with a message naming it', () => {
    const r = run(['serve'], { PORT: 'eighty' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /PORT="eighty": must be a whole number from 1 to 65535/);
  });

  test('worker refuses the embedded database with an explanation', () => {
    const r = run(['worker']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /needs DATABASE_URL/);
  });

  test('migrate then demo seed an embedded database in CAIRN_DATA_DIR, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-'));
    const migrated = run(['migrate'], { CAIRN_DATA_DIR: dir, LOG_LEVEL: 'warn' });
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.match(migrated.stdout, /Database is up to date \(pglite\)/);
    const seeded = run(['demo'], { CAIRN_DATA_DIR: dir, LOG_LEVEL: 'warn' });
    assert.equal(seeded.status, 0, seeded.stderr);
    assert.match(seeded.stdout, /Seeded the demo/);
    assert.match(seeded.stdout, /maria@union\.example/);
    const again = run(['demo'], { CAIRN_DATA_DIR: dir, LOG_LEVEL: 'warn' });
    assert.match(again.stdout, /nothing seeded/);
  });
});
