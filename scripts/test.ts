import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after } from 'node:test';

/**
 * Runs every *.test.ts(x) file in ONE process, so all of them share one embedded database
 * (creating a PGlite database costs seconds). `npm test -- accounts jobs` runs only the files
 * whose path contains one of the words.
 */
const root = resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const dirs = (process.env.CAIRN_TEST_DIRS ?? 'src,test').split(',').map((d) => join(root, d));
const files = dirs
  .flatMap((d) => {
    try {
      return findTests(d);
    } catch {
      return [];
    }
  })
  .filter((f) => filters.length === 0 || filters.some((w) => relative(root, f).includes(w)))
  .sort();

if (files.length === 0) {
  console.error(`No test files match ${filters.join(', ') || '(all)'}`);
  process.exit(1);
}
// Once every test has ended, the process should exit by itself. If a test left something open (a
// server, a socket, a child process), say what and exit anyway, with the tests' own exit code,
// rather than wait for ever. (Registered first, so it hangs off the root test before any file.)
after(() => {
  setTimeout(() => {
    console.error(`Still open after every test ended: ${process.getActiveResourcesInfo().join(', ')}`);
    process.exit(process.exitCode ?? 0);
  }, 30_000).unref();
});

for (const file of files) await import(pathToFileURL(file).href);
