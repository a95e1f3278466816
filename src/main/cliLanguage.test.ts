import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { migrate, openStorage } from '../storage/database.ts';
import { awardSetup } from '../testing/awardFixtures.ts';

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
      /Cairn no puede arrancar: su configuración no es válida:\n {2}- PORT="eighty": debe ser un número entero del 1 al 65535\n/,
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

  test('settings, public URLs and CSV files refused in Spanish; in English with CAIRN_LANG=en', async () => {
    const badSettings = run(['migrate'], { PORT: '0', LOG_LEVEL: 'loud', CAIRN_DEMO: 'false' });
    assert.equal(badSettings.status, 2);
    assert.match(badSettings.stderr, /- PORT="0": debe ser un número entero del 1 al 65535\n/);
    assert.match(badSettings.stderr, /- LOG_LEVEL="loud": debe ser uno de estos valores: debug, info, warn/);
    assert.match(
      badSettings.stderr,
      /- CAIRN_SECRET: es obligatorio cuando CAIRN_DEMO=false; cifra las claves/,
    );
    const noFile = run(['migrate'], { CAIRN_CONFIG: '/nonexistent/cairn.json' });
    assert.match(noFile.stderr, /- CAIRN_CONFIG: el archivo \/nonexistent\/cairn\.json no existe\n/);
    const inEnglish = run(['migrate'], { PORT: '0', CAIRN_LANG: 'en' });
    assert.match(inEnglish.stderr, /- PORT="0": must be a whole number from 1 to 65535\n/);

    const ftp = run(['public-url', 'set', 'ftp://example.org']);
    assert.equal(ftp.status, 1);
    assert.equal(
      ftp.stderr,
      'cairn: «ftp://example.org» debe empezar por https:// (o http:// para una demostración local).\n',
    );

    // An organisation with a published micro-credential, in an embedded database the command then opens.
    const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-es-csv-'));
    const storage = await openStorage({ databaseUrl: null, dataDir: dir });
    await migrate(storage.db);
    const { org, mc } = await awardSetup(storage);
    await storage.close();
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'Email,Name\nada@example.org,"Ada\nbo@example.org,Bo\n');
    const issue = ['issue', '--org', org.slug, '--micro-credential', mc.publicId, '--dry-run'];
    const notCsv = run([...issue, '--csv', broken], { CAIRN_DATA_DIR: dir });
    assert.equal(notCsv.status, 1);
    assert.equal(
      notCsv.stderr,
      'cairn: No se pudo leer el archivo como CSV. Línea 2: un campo entre comillas no se cierra nunca (falta una comilla).\n',
    );
    const english = run([...issue, '--csv', broken], { CAIRN_DATA_DIR: dir, CAIRN_LANG: 'en' });
    assert.equal(
      english.stderr,
      'cairn: The file could not be read as CSV. Line 2: a quoted field is never closed (a quote is missing).\n',
    );
    // A damaged badge image, refused in Spanish.
    const png = join(dir, 'cut.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
    writeFileSync(join(dir, 'credential.json'), '{}');
    const bake = ['bake', '--credential', join(dir, 'credential.json'), '--image', png];
    const cut = run([...bake, '--out', join(dir, 'baked.png')]);
    assert.equal(cut.status, 1);
    assert.equal(cut.stderr, 'cairn: El PNG termina en medio de un bloque.\n');
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'Email,Name\nada@example.org,Ada\n');
    const badMap = run([...issue, '--csv', roster, '--map', 'Email'], { CAIRN_DATA_DIR: dir });
    assert.equal(badMap.status, 1);
    assert.match(
      badMap.stderr,
      /^cairn: --map recibe pares campo=columna separados por comas .*«Email» no es uno de ellos\.\n$/,
    );
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
