import { readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSideBySide } from './testSideBySide.ts';

/**
 * Runs the *.test.ts(x) files in ONE process, so they share one embedded database (creating a
 * PGlite database costs seconds); on a machine with two cores or more, in two processes side by
 * side: the tests that run in-process (most of src/), and those that mostly wait on other
 * processes: test/ (Chromium, several `cairn` processes) and the src/ files that run the `cairn`
 * command as a child process. `npm test -- accounts jobs` runs only the files whose path contains
 * one of the words, in one process. CAIRN_TEST_DIRS=src runs one folder; CAIRN_TEST_SIDE_BY_SIDE=0
 * runs everything in one process.
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

const dirNames = (process.env.CAIRN_TEST_DIRS ?? 'src,test').split(',');
const sideBySide =
  filters.length === 0 &&
  dirNames.length > 1 &&
  availableParallelism() > 1 &&
  process.env.CAIRN_TEST_SIDE_BY_SIDE !== '0';

/** Which of the two sides a file runs on (see above). */
const SIDES = ['in-process', 'processes'] as const;
const sideOf = (file: string): (typeof SIDES)[number] =>
  relative(root, file).startsWith('test/') || readFileSync(file, 'utf8').includes('bin/cairn.mjs')
    ? 'processes'
    : 'in-process';
const side = SIDES.find((name) => name === process.env.CAIRN_TEST_SIDE);

if (sideBySide && !side) {
  process.exitCode = await runSideBySide([...SIDES], [...process.execArgv, import.meta.filename]);
} else {
  const files = dirNames
    .map((d) => join(root, d))
    .flatMap((d) => {
      try {
        return findTests(d);
      } catch {
        return [];
      }
    })
    .filter((f) => filters.length === 0 || filters.some((w) => relative(root, f).includes(w)))
    .filter((f) => !side || sideOf(f) === side)
    .sort();

  if (files.length === 0) {
    console.error(`No test files match ${filters.join(', ') || '(all)'}`);
    process.exit(1);
  }
  let imported = 0;
  for (const file of files) {
    await import(pathToFileURL(file).href);
    imported++;
  }
  // Top-level tests run one after another in the order they were declared, so this one runs last.
  // Once it has, the process should exit by itself; if a test left something open (a server, a
  // socket, a child process), say what and exit anyway, with the tests' exit code (a failed test
  // sets it as it fails), rather than wait for ever.
  test(`all ${files.length} test files were loaded`, () => {
    assert.equal(imported, files.length);
    setTimeout(() => {
      console.error(`Still open after every test ended: ${process.getActiveResourcesInfo().join(', ')}`);
      process.exit(process.exitCode ?? 0);
    }, 60_000).unref();
  });
}
