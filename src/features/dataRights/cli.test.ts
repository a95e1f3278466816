import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readZip } from '../../testing/zipReader.ts';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../../bin/cairn.mjs');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      CAIRN_BACKUP_PASSPHRASE: '',
      CAIRN_LANG: 'en',
      ...env,
    },
    timeout: 180_000,
  });

describe('cairn backup and cairn restore', () => {
  test('the demo backs up and restores into a new data folder with the same secret; the passphrase never comes from an argument', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-backup-'));
    const source = join(dir, 'source');
    const target = join(dir, 'target');
    const out = join(dir, 'site.backup');
    const passFile = join(dir, 'pass');
    writeFileSync(passFile, 'a long enough backup passphrase\n', { mode: 0o600 });

    assert.equal(run(['demo'], { CAIRN_DATA_DIR: source, CAIRN_DEMO: 'true' }).status, 0);
    const noPass = run(['backup', '--out', out], { CAIRN_DATA_DIR: source, CAIRN_DEMO: 'true' });
    assert.equal(noPass.status, 1);
    assert.match(noPass.stderr, /--passphrase-file <file>\) or in CAIRN_BACKUP_PASSPHRASE/);
    const made = run(['backup', '--out', out, '--passphrase-file', passFile], {
      CAIRN_DATA_DIR: source,
      CAIRN_DEMO: 'true',
    });
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /Backed up \d+ tables \(\d+ rows\)/);

    // A new data folder makes its own demo secret: the keys in the backup would not open.
    const otherSecret = run(['restore', '--in', out], {
      CAIRN_DATA_DIR: target,
      CAIRN_DEMO: 'true',
      CAIRN_BACKUP_PASSPHRASE: 'a long enough backup passphrase',
    });
    assert.equal(otherSecret.status, 1);
    assert.match(otherSecret.stderr, /CAIRN_SECRET is not the one the backup was made with/);
    const wrong = run(['restore', '--in', out], {
      CAIRN_DATA_DIR: target,
      CAIRN_DEMO: 'true',
      CAIRN_BACKUP_PASSPHRASE: 'some other passphrase',
    });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /The passphrase does not open this backup/);

    copyFileSync(join(source, 'secret'), join(target, 'secret'));
    const restored = run(['restore', '--in', out, '--passphrase-file', passFile], {
      CAIRN_DATA_DIR: target,
      CAIRN_DEMO: 'true',
    });
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(restored.stdout, /Restored the backup of .* every count and hash checked/);
    const again = run(['restore', '--in', out, '--passphrase-file', passFile], {
      CAIRN_DATA_DIR: target,
      CAIRN_DEMO: 'true',
    });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /The database is not empty .* never merges/);
    assert.ok(existsSync(out));

    const zip = join(dir, 'council.zip');
    const exported = run(['export', '--org', 'allied-therapy-council', '--out', zip], {
      CAIRN_DATA_DIR: target,
      CAIRN_DEMO: 'true',
    });
    assert.equal(exported.status, 0, exported.stderr);
    const files = readZip(readFileSync(zip));
    const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json')!.data.toString()) as {
      organisation: string;
      parts: Array<{ part: string; rows: number }>;
    };
    assert.equal(manifest.organisation, 'allied-therapy-council');
    assert.ok((manifest.parts.find((p) => p.part === 'micro-credentials')?.rows ?? 0) > 0);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.partial')),
      [],
    );
  });
});
