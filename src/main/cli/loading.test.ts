import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'bin/cairn.mjs');
const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-loading-'));

// Module hooks that write down every module Node loads (tsx's TypeScript included: it hands each
// file on to the next hook), one URL a line, in the file given when they are registered.
const hooks = join(dir, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
let trace;
export function initialize(file) { trace = file; }
export async function load(url, context, next) {
  appendFileSync(trace, url + '\\n');
  return next(url, context);
}
`,
);

let runs = 0;
/**
 * Runs `cairn` and answers what it said and every module it loaded: Cairn's own as paths from the
 * repository (`src/main/cli.ts`), packages as URLs.
 */
function traced(args: string[], env: Record<string, string> = {}) {
  const trace = join(dir, `trace-${++runs}.txt`);
  writeFileSync(trace, '');
  const preload = join(dir, `preload-${runs}.mjs`);
  writeFileSync(
    preload,
    `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: ${JSON.stringify(trace)} });
`,
  );
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', CAIRN_LANG: 'en', LOG_LEVEL: 'warn', ...env },
    timeout: 120_000,
  });
  const rootUrl = `${pathToFileURL(root).href}/`;
  const loaded = readFileSync(trace, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((url) => (url.startsWith(rootUrl) ? url.slice(rootUrl.length) : url));
  return { ...r, loaded };
}

/** The app: its composition root, the features and the database drivers. */
const appModules = (loaded: string[]) =>
  loaded.filter(
    (path) =>
      ['src/main/runtime.ts', 'src/main/demo.ts', 'src/storage/database.ts'].includes(path) ||
      path.startsWith('src/features/') ||
      /node_modules\/(kysely|pg|@electric-sql\/pglite)\//.test(path),
  );

describe('the cairn command loads the app only for a command that uses it', () => {
  test('help, a bad setting and a refused worker answer without it', () => {
    const answers = [
      { args: ['--help'], status: 0, says: /Usage: cairn/ },
      { args: ['issue', '--help'], status: 0, says: /Usage: cairn issue/ },
      { args: ['tokens', 'create', '--help'], status: 0, says: /Usage: cairn tokens create/ },
      { args: ['serve'], env: { PORT: 'eighty' }, status: 2, says: /PORT="eighty"/ },
      { args: ['worker'], status: 1, says: /needs DATABASE_URL/ },
    ];
    for (const { args, env, status, says } of answers) {
      const r = traced(args, env);
      const named = `cairn ${args.join(' ')}`;
      assert.equal(r.status, status, `${named}: ${r.stderr}`);
      assert.match(r.stdout + r.stderr, says, named);
      assert.ok(r.loaded.includes('src/main/cli.ts'), `${named}: the trace saw the command itself`);
      assert.deepEqual(appModules(r.loaded), [], `${named} loaded the app`);
    }
  });

  test('a command that opens the database loads it', () => {
    // Nothing listens on port 1: the app loads, then cannot reach its database.
    const r = traced(['keys', 'list', '--org', 'riverside'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing',
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /ECONNREFUSED/);
    for (const path of ['src/main/runtime.ts', 'src/storage/database.ts'])
      assert.ok(r.loaded.includes(path), path);
    const app = appModules(r.loaded);
    assert.ok(
      app.some((path) => path.startsWith('src/features/')),
      'a feature',
    );
    assert.ok(
      app.some((url) => /node_modules\/kysely\//.test(url)),
      'the query builder',
    );
  });
});
