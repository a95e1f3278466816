import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';

// How long the `cairn` command takes to answer without opening the app (its help, a bad
// setting), against the floor every `cairn` command pays: Node with tsx registered, loading
// nothing (ratio = floor / measured; 1 would be no cost of its own). The median of several runs.

type Report = (name: string, unit: string, cairn: number, reference: number | null) => void;

const bin = resolve(import.meta.dirname, '../bin/cairn.mjs');
const floor = "import { register } from 'tsx/esm/api'; register();";

function medianMs(runs: number, args: string[], env: Record<string, string> = {}): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    spawnSync(process.execPath, args, {
      cwd: resolve(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URL: '', CAIRN_LANG: 'en', ...env },
      stdio: 'ignore',
    });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]!);
}

export function cliStartupBenchmarks(report: Report, runs = Number(process.env.BENCH_CLI_RUNS ?? 5)) {
  const reference = medianMs(runs, ['--input-type=module', '-e', floor]);
  report('cairn --help (start-up)', 'ms', medianMs(runs, [bin, '--help']), reference);
  report(
    'cairn serve, PORT=eighty (refused)',
    'ms',
    medianMs(runs, [bin, 'serve'], { PORT: 'eighty' }),
    reference,
  );
}
