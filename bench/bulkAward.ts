import { issueAwardRun } from '../src/features/issuing/jobTypes.ts';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, migrate, type Storage } from '../src/storage/database.ts';
import { scratchPostgres } from '../src/testing/databases.ts';
import { awardSetup, generatedRoster } from '../src/testing/awardFixtures.ts';
import {
  createAwardRun,
  mapAwardRun,
  startAwardRun,
  AWARD_JOBS_PER_RUN,
} from '../src/features/issuing/commands/bulkAward.ts';
import { processAwardRun } from '../src/features/issuing/commands/processAwardRun.ts';

// Bulk award from CSV, end to end: a generated roster streamed in (upload), mapped and checked
// (dry run), then issued by the run's jobs running side by side (as a worker runs them):
// signed credentials stored, claims created and claim emails queued.
// `npm run bench -- --rows 100000` for the full-size run (default 10,000 rows).

type Report = (name: string, unit: string, cairn: number, reference: number | null) => void;

export interface BulkTiming {
  rows: number;
  /** Highest V8 heap use seen during the run (MB): flat when rows are streamed and batched. */
  peakHeapMb: number;
  uploadS: number;
  dryRunS: number;
  issueS: number;
  totalS: number;
}

export async function bulkAwardOnce(storage: Storage, rows: number): Promise<BulkTiming> {
  const { deps, actor, mc, org } = await awardSetup(storage, {});
  deps.clock.set(new Date());
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const sampler = setInterval(sample, 50);
  const t0 = performance.now();
  const run = await createAwardRun(deps, {
    actor: actor,
    organisationId: actor.organisationId,
    microCredential: mc.publicId,
    fileName: 'bench.csv',
    source: generatedRoster(rows, `b${org.id}-`),
  });
  const t1 = performance.now();
  const summary = await mapAwardRun(deps, {
    actor: actor,
    organisationId: actor.organisationId,
    run: run.publicId,
    mapping: {
      email: 'Email',
      name: 'Name',
      externalId: 'Student ID',
      credits: 'Hours',
      issuedOn: 'Date',
    },
  });
  if (summary.valid !== rows) throw new Error(`dry run found ${summary.valid} valid rows of ${rows}`);
  await startAwardRun(deps, { actor, organisationId: actor.organisationId, run: run.publicId });
  const t2 = performance.now();
  // The run's jobs, run here instead of by a worker, concurrently as a worker with concurrency >= 2 would.
  const { id } = await storage.db
    .selectFrom('award_runs')
    .select('id')
    .where('public_id', '=', run.publicId)
    .executeTakeFirstOrThrow();
  await storage.db
    .deleteFrom('jobs')
    .where('type', '=', issueAwardRun.type)
    .where('organisation_id', '=', org.id)
    .execute();
  await Promise.all(
    Array.from({ length: AWARD_JOBS_PER_RUN }, (_, part) => processAwardRun(deps, id, undefined, { part })),
  );
  const t3 = performance.now();
  clearInterval(sampler);
  sample();
  const issued = await storage.db
    .selectFrom('credentials')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', org.id)
    .executeTakeFirstOrThrow();
  const mails = await storage.db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', org.id)
    .executeTakeFirstOrThrow();
  if (Number(issued.n) !== rows || Number(mails.n) !== rows)
    throw new Error(`expected ${rows} credentials and claim emails, got ${issued.n} and ${mails.n}`);
  return {
    rows,
    peakHeapMb: Math.round(peak / 1024 / 1024),
    uploadS: (t1 - t0) / 1000,
    dryRunS: (t2 - t1) / 1000,
    issueS: (t3 - t2) / 1000,
    totalS: (t3 - t0) / 1000,
  };
}

async function measure(
  report: Report,
  label: string,
  storage: Storage,
  rows: number,
  log: (line: string) => void,
) {
  await bulkAwardOnce(storage, 1000); // warm up: schema compilation, canonicalization templates, JIT
  const quarter = await bulkAwardOnce(storage, Math.max(1, Math.round(rows / 4)));
  const full = await bulkAwardOnce(storage, rows);
  const fmt = (t: BulkTiming) =>
    `${t.rows} rows: upload ${t.uploadS.toFixed(1)} s, dry run ${t.dryRunS.toFixed(1)} s, issue ${t.issueS.toFixed(1)} s, total ${t.totalS.toFixed(1)} s (${Math.round(t.rows / t.totalS)} rows/s), peak heap ${t.peakHeapMb} MB`;
  log(`bulk award (${label}) ${fmt(quarter)}`);
  log(`bulk award (${label}) ${fmt(full)}`);
  // Linear time: four times the rows should take about four times as long (1.0 = exactly linear).
  const linearity = full.totalS / (4 * quarter.totalS);
  log(
    `bulk award (${label}) time(N) / (4 × time(N/4)) = ${linearity.toFixed(2)}; 100,000 rows projected at ${((full.totalS / rows) * 100_000).toFixed(0)} s`,
  );
  report(
    `bulk award CSV → credentials + claim emails, ${rows} rows (${label})`,
    'rows/s',
    rows / full.totalS,
    null,
  );
  report(
    `bulk award total time, ${rows} rows (${label}; target 100,000 in < 60 s on PostgreSQL, < 180 s embedded)`,
    'ms',
    Math.round(full.totalS * 1000),
    null,
  );
  report(`bulk award time(N) as % of 4 × time(N/4), 100 = linear (${label})`, '%', linearity * 100, null);
}

export async function bulkAwardBenchmarks(
  report: Report,
  rows: number,
  log: (line: string) => void = (l) => console.error(l),
): Promise<void> {
  // The embedded database as `cairn serve` runs it: a data directory on disk.
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-'));
  try {
    const embedded = await openStorage({ databaseUrl: null, dataDir: dir });
    await migrate(embedded.db);
    await measure(report, 'pglite', embedded, rows, log);
    await embedded.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    // A fresh database on that server, dropped afterwards.
    const scratch = await scratchPostgres(adminUrl, { prefix: 'cairn_bench', poolSize: 4 });
    try {
      await measure(report, 'postgres', scratch.storage, rows, log);
    } finally {
      await scratch.drop();
    }
  }
}

// Run alone: node --import tsx bench/bulkAward.ts [--rows N]
if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--rows');
  const rows = at > 0 ? Number(process.argv[at + 1]) : 10_000;
  await bulkAwardBenchmarks(
    (name, unit, value) => console.log(`${name}: ${Math.round(value)} ${unit}`),
    rows,
    (l) => console.log(l),
  );
}
