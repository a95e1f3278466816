import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStorage, migrate, type Storage } from '../src/storage/database.ts';
import { startTestServer } from '../src/testing/server.ts';
import { testConfig, testCredentialServices } from '../src/testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../src/testing/factories.ts';
import { issueCredential } from '../src/features/issuing/commands/issueCredential.ts';
import { systemClock } from '../src/domain/clock.ts';
import { scratchPostgres } from '../src/testing/databases.ts';

// Public badge page and verify endpoint under a fixed load from autocannon (a separate process,
// so the server keeps its own core): p99 latency at 1,000 requests/s on loopback, against the
// issue's target of 25 ms (ratio = target / measured; above 1 meets it).

type Report = (name: string, unit: string, cairn: number, reference: number | null) => void;

interface AutocannonResult {
  latency: { p50: number; p99: number; max: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
}

const AUTOCANNON = resolve(import.meta.dirname, '../node_modules/autocannon/autocannon.js');

function autocannon(args: string[]): Promise<AutocannonResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [AUTOCANNON, '--json', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0
        ? done(JSON.parse(out) as AutocannonResult)
        : fail(new Error(`autocannon exited with ${code}`)),
    );
  });
}

async function loadOne(storage: Storage, label: string, report: Report, seconds: number, rate: number) {
  const server = await startTestServer(storage);
  const deps = {
    db: storage.db,
    clock: systemClock,
    config: testConfig({ PUBLIC_URL: server.url }),
    credentials: testCredentialServices(),
  };
  const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Load Test Council' });
  const staff = await buildUser(storage.db);
  await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
  const issued = await issueCredential(deps, {
    actor: { userId: staff.id, ip: null },
    organisationId: org.id,
    recipient: { email: 'load@example.org' },
    achievement: {
      id: 'https://cairn.test/a/load',
      name: 'Load Bearing',
      description: 'Holds up under load.',
      criteria: { narrative: 'Measured.' },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'cairn-load-'));
  const body = join(dir, 'verify.json');
  writeFileSync(body, JSON.stringify({ verifiableCredential: issued.credential }));
  try {
    const common = ['-c', '20', '-d', String(seconds), '-R', String(rate)];
    // Warm up (first requests compile templates, fill caches).
    await autocannon(['-c', '4', '-d', '2', `${server.url}/badges/${issued.publicId}`]);
    const page = await autocannon([...common, `${server.url}/badges/${issued.publicId}`]);
    report(
      `badge page p99 at ${rate} req/s (${label}; target 25 ms${page.non2xx + page.errors ? `; ${page.non2xx + page.errors} failed` : ''})`,
      'ms',
      page.latency.p99,
      25,
    );
    report(`badge page p50 at ${rate} req/s (${label})`, 'ms', page.latency.p50, null);
    report(
      `badge page requests answered per second (${label}; asked ${rate})`,
      'requests/s',
      page.requests.average,
      rate,
    );
    await autocannon([
      '-c',
      '4',
      '-d',
      '2',
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-i',
      body,
      `${server.url}/credentials/verify`,
    ]);
    const verify = await autocannon([
      ...common,
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-i',
      body,
      `${server.url}/credentials/verify`,
    ]);
    report(
      `POST /credentials/verify p99 at ${rate} req/s (${label}; target 25 ms${verify.non2xx + verify.errors ? `; ${verify.non2xx + verify.errors} failed` : ''})`,
      'ms',
      verify.latency.p99,
      25,
    );
    report(`POST /credentials/verify p50 at ${rate} req/s (${label})`, 'ms', verify.latency.p50, null);
    report(
      `POST /credentials/verify requests answered per second (${label}; asked ${rate})`,
      'requests/s',
      verify.requests.average,
      rate,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

/** Fixed-rate load on the badge page and the verify endpoint, on PGlite and (when set) PostgreSQL. */
export async function loadBenchmarks(
  report: Report,
  seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 5),
  rate = Number(process.env.BENCH_LOAD_RATE ?? 1000),
) {
  const embedded = await openStorage({ databaseUrl: null, dataDir: '', inMemory: true });
  await migrate(embedded.db);
  await loadOne(embedded, 'PGlite', report, seconds, rate);
  await embedded.close();
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const scratch = await scratchPostgres(url, { prefix: 'cairn_bench', poolSize: 8 });
    try {
      await loadOne(scratch.storage, 'PostgreSQL', report, seconds, rate);
    } finally {
      await scratch.drop();
    }
  }
}
