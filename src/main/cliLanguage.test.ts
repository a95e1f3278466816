import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../bin/cairn.mjs');
/** Runs `cairn` under a POSIX locale (and no CAIRN_LANG unless given). */
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      CAIRN_LANG: '',
      LC_ALL: '',
      LC_MESSAGES: '',
      LANG: 'es_ES.UTF-8',
      ...env,
    },
    timeout: 120_000,
  });

describe('the cairn command in Spanish', () => {
  test('LANG=es_ES.UTF-8: help, settings, refusals and results in Spanish; exit codes unchanged', () => {
    const help = run(['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Uso: cairn /);
    assert.match(help.stdout, /Órdenes:/);
    assert.match(help.stdout, /microcredenciales y Open Badges 3\.0/);
    assert.match(help.stdout, /Ajustes \(variables de entorno/);
    assert.match(help.stdout, /CAIRN_LANG +Idioma de la orden `cairn`/);
    assert.match(help.stdout, /PORT +Puerto HTTP de `cairn serve`\. Por defecto: 3000\./);

    const issueHelp = run(['issue', '--help']);
    assert.match(issueHelp.stdout, /--email <address> +quien la recibe/);
    assert.match(issueHelp.stdout, /-h, --help +muestra la ayuda de la orden/);

    const unknown = run(['migrate', '--nope']);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /error: opción desconocida «--nope»/);

    const badSetting = run(['serve'], { PORT: 'eighty' });
    assert.equal(badSetting.status, 2);
    assert.match(
      badSetting.stderr,
      /Cairn no puede arrancar: su configuración no es válida:\n {2}- PORT="eighty"/,
    );
    assert.match(badSetting.stderr, /Consulta `cairn --help` para ver todos los ajustes\./);

    const worker = run(['worker']);
    assert.equal(worker.status, 1);
    assert.match(
      worker.stderr,
      /^cairn: `cairn worker` necesita DATABASE_URL: con la base de datos integrada/,
    );

    const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-es-'));
    const migrated = run(['migrate'], { CAIRN_DATA_DIR: dir });
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.equal(migrated.stdout, 'La base de datos está al día (pglite).\n');
    const noOrg = run(['keys', 'list', '--org', 'nope'], { CAIRN_DATA_DIR: dir });
    assert.equal(noOrg.status, 1);
    assert.match(noOrg.stderr, /No hay ninguna organización con la dirección web «nope»\./);
    const missing = join(dir, 'missing.backup');
    const noBackup = run(['restore', '--in', missing], {
      CAIRN_DATA_DIR: dir,
      CAIRN_BACKUP_PASSPHRASE: 'a long enough backup passphrase',
    });
    assert.equal(noBackup.status, 1);
    assert.equal(noBackup.stderr, `cairn: No existe el archivo ${missing}.\n`);
  });

  test('CAIRN_LANG wins over the POSIX locale, both ways', () => {
    const english = run(['worker'], { CAIRN_LANG: 'en' });
    assert.equal(english.status, 1);
    assert.match(english.stderr, /`cairn worker` needs DATABASE_URL/);
    const spanish = run(['bake', '--help'], { CAIRN_LANG: 'es', LANG: 'en_US.UTF-8' });
    assert.match(spanish.stdout, /Incrusta una credencial/);
    assert.match(spanish.stdout, /--out <file> +dónde escribir la imagen con la credencial/);
  });
});
