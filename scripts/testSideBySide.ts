import { spawn } from 'node:child_process';

/**
 * Runs the test script once per folder, all at once. The first folder's report streams as it
 * comes; the others' are held and printed whole when they end, so no two reports interleave.
 * Ends with one line per folder (exit code, seconds). Resolves to 0 when every run passed.
 */
export async function runSideBySide(dirs: string[], script: string[]): Promise<number> {
  const started = Date.now();
  const runs = dirs.map((dir, i) => {
    const child = spawn(process.execPath, script, {
      env: { ...process.env, CAIRN_TEST_DIRS: dir },
      stdio: ['ignore', i === 0 ? 'inherit' : 'pipe', i === 0 ? 'inherit' : 'pipe'],
    });
    const held: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => held.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => held.push(chunk));
    const ended = new Promise<{ dir: string; code: number; seconds: number }>((resolve) =>
      child.once('close', (code, signal) =>
        resolve({ dir, code: code ?? (signal ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) }),
      ),
    );
    return { child, held, ended };
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => runs.forEach((r) => r.child.kill(signal)));

  const results = [];
  for (const [i, run] of runs.entries()) {
    const result = await run.ended;
    if (i > 0) {
      process.stdout.write(`\n== tests in ${result.dir}/ (ran beside ${dirs[0]}/)\n`);
      process.stdout.write(Buffer.concat(run.held));
    }
    results.push(result);
  }
  process.stdout.write('\n');
  for (const r of results)
    process.stdout.write(
      `== ${r.dir}/: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds} s\n`,
    );
  return results.some((r) => r.code !== 0) ? 1 : 0;
}
