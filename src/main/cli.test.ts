import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { generateEd25519 } from '../credentials/ed25519.ts';
import { didKeyFor } from '../credentials/didKey.ts';
import { buildOpenBadgeCredential } from '../credentials/openBadgeCredential.ts';
import { signEddsaRdfc2022 } from '../credentials/proofs/eddsaRdfc2022.ts';
import { fastCanonicalizer } from '../credentials/proofs/fastCanonicalizer.ts';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../bin/cairn.mjs');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', CAIRN_LANG: 'en', ...env },
    timeout: 120_000,
  });

describe('the cairn command', () => {
  test('--help lists the commands and every setting', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0);
    for (const word of [
      'serve',
      'worker',
      'migrate',
      'demo',
      'DATABASE_URL',
      'CAIRN_DEMO',
      'SMTP_URL',
      'PORT',
    ])
      assert.match(r.stdout, new RegExp(word));
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
    const token = run(['tokens', 'create', '--org', 'riverside-educators-union', '--name', 'LMS'], {
      CAIRN_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
    });
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout, /^cairn_[\w-]{40,}\n$/);
    const rotated = run(['keys', 'rotate', '--org', 'riverside-educators-union'], {
      CAIRN_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
    });
    assert.match(rotated.stdout, /New active Ed25519 key key_/);
    const notPublished = run(
      [
        'issue',
        '--org',
        'riverside-educators-union',
        '--micro-credential',
        'mc_nope',
        '--email',
        'x@example.org',
      ],
      { CAIRN_DATA_DIR: dir, LOG_LEVEL: 'warn' },
    );
    assert.equal(notPublished.status, 1);
    assert.match(notPublished.stderr, /not published by this organisation/);
    const issued = run(
      [
        'issue',
        '--org',
        'riverside-educators-union',
        '--micro-credential',
        'classroom-routines',
        '--email',
        'teacher@example.org',
      ],
      { CAIRN_DATA_DIR: dir, LOG_LEVEL: 'warn' },
    );
    assert.equal(issued.status, 0, issued.stderr);
    assert.match(issued.stdout, /^Issued cred_\w+ to teacher@example.org\.\n$/);
    const detailed = run(
      [
        'issue',
        '--org',
        'riverside-educators-union',
        '--micro-credential',
        'classroom-routines',
        '--email',
        'second@example.org',
        '--credits',
        '1.5',
        '--issued-on',
        '2026-03-02',
        '--evidence-url',
        'https://example.org/evidence/1',
        '--narrative',
        'Observed twice.',
      ],
      { CAIRN_DATA_DIR: dir, LOG_LEVEL: 'warn' },
    );
    assert.equal(detailed.status, 0, detailed.stderr);
    const badCredits = run(
      [
        'issue',
        '--org',
        'riverside-educators-union',
        '--micro-credential',
        'classroom-routines',
        '--email',
        'third@example.org',
        '--credits',
        'many',
        '--issued-on',
        '2026-02-30',
      ],
      { CAIRN_DATA_DIR: dir, LOG_LEVEL: 'warn' },
    );
    assert.equal(badCredits.status, 1);
    assert.match(badCredits.stderr, /number/i);
    assert.match(badCredits.stderr, /calendar date/);
    const unknown = run(['keys', 'list', '--org', 'nope'], { CAIRN_DATA_DIR: dir, LOG_LEVEL: 'warn' });
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /No organisation with the slug "nope"/);
  });

  test('verify --offline checks a did:key credential and exits 0, or 1 with the failed checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-verify-'));
    const keys = generateEd25519();
    const { did, verificationMethod } = didKeyFor(keys.publicKeyMultibase);
    const credential = buildOpenBadgeCredential({
      id: 'urn:uuid:5f1c7a8e-0000-4000-8000-000000000001',
      issuer: { id: did, name: 'Offline Issuer' },
      achievement: { id: 'https://example.org/a', name: 'A', description: 'B', criteria: { narrative: 'C' } },
      recipient: { email: 'x@example.org' },
      validFrom: '2026-01-01T00:00:00Z',
    });
    const signed = await signEddsaRdfc2022(credential, {
      privateKey: keys.privateKey,
      verificationMethod,
      created: '2026-01-01T00:00:00Z',
      canonicalizer: fastCanonicalizer(),
    });
    writeFileSync(join(dir, 'good.json'), JSON.stringify(signed));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...signed, name: 'Forged' }));
    const good = run(['verify', '--offline', join(dir, 'good.json')]);
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /VERIFIED/);
    const bad = run(['verify', '--offline', join(dir, 'bad.json')]);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /✖ proof — proof_invalid/);
    writeFileSync(join(dir, 'badge.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>');
    const baked = run([
      'bake',
      '--credential',
      join(dir, 'good.json'),
      '--image',
      join(dir, 'badge.svg'),
      '--out',
      join(dir, 'baked.svg'),
    ]);
    assert.equal(baked.status, 0, baked.stderr);
    const fromImage = run(['verify', '--offline', join(dir, 'baked.svg')]);
    assert.equal(fromImage.status, 0, fromImage.stdout + fromImage.stderr);
    const notImage = run([
      'bake',
      '--credential',
      join(dir, 'good.json'),
      '--image',
      join(dir, 'good.json'),
      '--out',
      join(dir, 'x'),
    ]);
    assert.equal(notImage.status, 1);
    assert.match(notImage.stderr, /neither a PNG nor an SVG/);
  });
});
