import { spawn } from 'node:child_process';

/**
 * Runs the test script once per side (CAIRN_TEST_SIDE), all at once. The first side's report
 * streams as it comes; the others' are held and printed whole when they end, so no two reports
 * interleave. Ends with one line per side (exit code, seconds). Resolves to 0 when every run passed.
 */
export async function runSideBySide(sides: string[], script: string[]): Promise<number> {
  const started = Date.now();
  const runs = sides.map((side, i) => {
    const child = spawn(process.execPath, script, {
      env: { ...process.env, CAIRN_TEST_SIDE: side },
      stdio: ['ignore', i === 0 ? 'inherit' : 'pipe', i === 0 ? 'inherit' : 'pipe'],
    });
    const held: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => held.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => held.push(chunk));
    const ended = new Promise<{ side: string; code: number; seconds: number }>((resolve) =>
      child.once('close', (code, signal) =>
        resolve({ side, code: code ?? (signal ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) }),
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
      process.stdout.write(`\n== tests run ${result.side} (beside those run ${sides[0]})\n`);
      process.stdout.write(Buffer.concat(run.held));
    }
    results.push(result);
  }
  process.stdout.write('\n');
  for (const r of results)
    process.stdout.write(
      `== tests run ${r.side}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.seconds} s\n`,
    );
  return results.some((r) => r.code !== 0) ? 1 : 0;
}
