import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'kysely';
import { openStorage, migrate, type Storage } from '../src/storage/database.ts';
import { claimJobs, completeJob, enqueueJob } from '../src/jobs/queue.ts';
import { hashPassword, verifyPassword } from '../src/features/accounts/passwords.ts';
import { testApp } from '../src/testing/http.ts';
import { credentialBenchmarks } from './credentials.ts';
import { catalogBenchmarks } from './catalog.ts';
import { bulkAwardBenchmarks } from './bulkAward.ts';
import { loadBenchmarks } from './load.ts';
import { cliStartupBenchmarks } from './cliStartup.ts';

// `npm run bench` prints a table; `npm run bench -- --json` one JSON object per line.
// Each row compares Cairn's code path with the reference it is built on, in the same run.
// PostgreSQL rows run when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server.

interface Row {
  name: string;
  unit: string;
  cairn: number;
  reference: number | null;
  ratio: number | null;
}

const json = process.argv.includes('--json');
const rows: Row[] = [];

async function rate(n: number, work: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await work(i); // warm up
  const start = performance.now();
  for (let i = 0; i < n; i++) await work(i);
  return n / ((performance.now() - start) / 1000);
}

function report(name: string, unit: string, cairn: number, reference: number | null) {
  const round = (n: number) => (unit === 'ms' ? n : Math.round(n));
  // For rates a higher ratio is better; for latencies (ms) the ratio is reference / cairn, so higher is better too.
  const ratio = reference ? Number((unit === 'ms' ? reference / cairn : cairn / reference).toFixed(2)) : null;
  const row = {
    name,
    unit,
    cairn: round(cairn),
    reference: reference === null ? null : round(reference),
    ratio,
  };
  rows.push(row);
  if (json) console.log(JSON.stringify(row));
}

async function queueThroughput(storage: Storage, label: string) {
  const type = `bench.${label}.${Date.now()}`;
  const now = new Date(Date.now() - 1000);
  const n = 1000;
  const enq = await rate(n, (i) => enqueueJob(storage.db, type, { i }, now));
  report(`job enqueue (${label})`, 'jobs/s', enq, null);
  let done = 0;
  const start = performance.now();
  while (done < n) {
    const jobs = await claimJobs(storage.db, {
      worker: 'bench',
      limit: 20,
      now: new Date(),
      leaseMs: 60_000,
    });
    if (!jobs.length) break;
    for (const j of jobs) await completeJob(storage.db, j, 'bench', new Date());
    done += jobs.length;
  }
  report(
    `job claim+complete, batches of 20 (${label})`,
    'jobs/s',
    done / ((performance.now() - start) / 1000),
    null,
  );
  await storage.db.deleteFrom('jobs').where('type', '=', type).execute();
}

async function main() {
  await credentialBenchmarks(report, Number(process.env.BENCH_SECONDS ?? 3));
  await catalogBenchmarks(report);
  // Bulk award from CSV end to end; `npm run bench -- --rows 100000` for the full-size run.
  const rowsAt = process.argv.indexOf('--rows');
  await bulkAwardBenchmarks(report, rowsAt > 0 ? Number(process.argv[rowsAt + 1]) : 10_000, (line) =>
    json ? undefined : console.log(line),
  );
  await loadBenchmarks(report);
  cliStartupBenchmarks(report);

  // 1. Query path overhead: Kysely through Cairn's PGlite dialect vs PGlite's own query().
  const embedded = await openStorage({ databaseUrl: null, dataDir: '', inMemory: true });
  await migrate(embedded.db);
  const raw = await PGlite.create('memory://');
  const n = 3000;
  report(
    'select 1 via Kysely+PGliteDialect vs raw PGlite',
    'queries/s',
    await rate(n, () => sql`select 1`.execute(embedded.db)),
    await rate(n, () => raw.query('select 1')),
  );
  await raw.close();
  await queueThroughput(embedded, 'pglite');

  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const server = await openStorage({ databaseUrl: url, dataDir: '', poolSize: 4 });
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    report(
      'select 1 via Kysely+pg vs raw pg.Pool',
      'queries/s',
      await rate(n, () => sql`select 1`.execute(server.db)),
      await rate(n, () => pool.query('select 1')),
    );
    await pool.end();
    await server.close();
  }

  // 2. A page through the whole HTTP stack in-process (middleware, session lookup, JSX render).
  const { app } = testApp(embedded);
  report(
    'GET /login in-process (full middleware + render)',
    'requests/s',
    await rate(2000, async () => app.request('/login')),
    null,
  );

  // 3. Password hashing cost (argon2id, OWASP parameters): a deliberate ~tens of ms.
  const hash = await hashPassword('benchmark password');
  report(
    'argon2id verify',
    'verifies/s',
    await rate(30, () => verifyPassword(hash, 'benchmark password')),
    null,
  );
  await embedded.close();

  if (!json) {
    const w = Math.max(...rows.map((r) => r.name.length));
    console.log(
      `${'benchmark'.padEnd(w)}  ${'cairn'.padStart(10)}  ${'reference'.padStart(10)}  ${'ratio'.padStart(6)}  unit`,
    );
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(w)}  ${String(r.cairn).padStart(10)}  ${String(r.reference ?? '—').padStart(10)}  ${String(r.ratio ?? '—').padStart(6)}  ${r.unit}`,
      );
    }
  }
}

await main();
