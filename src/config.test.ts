import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  test('defaults serve the demo on the embedded database at localhost:3000', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.publicUrl, 'http://localhost:3000');
    assert.equal(c.databaseUrl, null);
    assert.equal(c.dataDir, '.cairn');
    assert.equal(c.demo, true);
    assert.equal(c.mailbox, true);
    assert.equal(c.runJobs, true);
    assert.equal(c.smtpUrl, null);
    assert.equal(c.secureCookies, false);
  });

  test('environment variables are read and typed', () => {
    const c = loadConfig({
      PORT: '8080',
      CAIRN_DEMO: 'false',
      CAIRN_SECRET: 'x'.repeat(32),
      DATABASE_URL: 'postgres://u:p@db:5432/cairn',
      PUBLIC_URL: 'https://badges.example.org/',
      SMTP_URL: 'smtp://mail:25',
    });
    assert.equal(c.port, 8080);
    assert.equal(c.demo, false);
    assert.equal(c.mailbox, false, 'the mailbox follows demo mode unless set');
    assert.equal(c.databaseUrl, 'postgres://u:p@db:5432/cairn');
    assert.equal(c.publicUrl, 'https://badges.example.org');
    assert.equal(c.secureCookies, true);
  });

  test('bad values stop start-up naming every variable and what is allowed', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', CAIRN_DEMO: 'maybe', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /PORT="eighty": must be a whole number from 1 to 65535/);
        assert.match(err.message, /CAIRN_DEMO="maybe": must be one of [^\n]*true/);
        assert.match(err.message, /DATABASE_URL="mysql:\/\/x": must be a postgres:\/\/ connection URL/);
        assert.match(err.message, /LOG_LEVEL="loud": must be one of debug, info, warn, error, silent/);
        assert.equal(err.problems.length, 4);
        return true;
      },
    );
    assert.throws(
      () => loadConfig({ PORT: '70000' }),
      /PORT="70000": must be a whole number from 1 to 65535/,
    );
    assert.throws(() => loadConfig({ CAIRN_DEMO: 'false' }), /CAIRN_SECRET: required when CAIRN_DEMO=false/);
    assert.throws(
      () => loadConfig({ CAIRN_SECRET: 'short' }),
      /CAIRN_SECRET="short": must be at least 32 characters/,
    );
  });

  test('an optional JSON file supplies settings; the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-config-'));
    const file = join(dir, 'cairn.json');
    writeFileSync(
      file,
      JSON.stringify({ PORT: 4000, WORKER_CONCURRENCY: 2, MAIL_FROM: 'Board <board@example.gov>' }),
    );
    const c = loadConfig({ CAIRN_CONFIG: file, PORT: '4100' });
    assert.equal(c.port, 4100);
    assert.equal(c.workerConcurrency, 2);
    assert.equal(c.mailFrom, 'Board <board@example.gov>');
    writeFileSync(file, JSON.stringify({ PROT: 1 }));
    assert.throws(() => loadConfig({ CAIRN_CONFIG: file }), /PROT \(in .*\): not a Cairn setting/);
    writeFileSync(file, '{ not json');
    assert.throws(() => loadConfig({ CAIRN_CONFIG: file }), /is not valid JSON/);
    assert.throws(() => loadConfig({ CAIRN_CONFIG: join(dir, 'missing.json') }), /does not exist/);
  });
});
