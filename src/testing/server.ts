import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { ManualClock, systemClock, type Clock } from '../domain/clock.ts';
import { silentLogger } from '../logger.ts';
import { createApp } from '../http/app.ts';
import { Worker } from '../jobs/worker.ts';
import { allJobs } from '../jobs/registry.ts';
import { outboxOnlyMailer, type Mailer } from '../mail/mailer.ts';
import type { Storage } from '../storage/database.ts';
import { testConfig, testCredentialServices } from './http.ts';

/** A real HTTP server on a free loopback port, with an in-process worker, for browser tests. */
export async function startTestServer(storage: Storage, options: { mailer?: Mailer; clock?: Clock | ManualClock } = {}) {
  const clock = options.clock ?? systemClock;
  let server!: ServerType;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: (req, env) => app.fetch(req, env), port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({ PUBLIC_URL: url, JOB_POLL_MS: '100' });
  const worker = new Worker({ deps: { db: storage.db, clock, logger: silentLogger, mailer: options.mailer ?? outboxOnlyMailer, config, credentials: testCredentialServices() }, jobs: allJobs, concurrency: 2, pollMs: 100 });
  const app = createApp({ config, db: storage.db, clock, logger: silentLogger, credentials: testCredentialServices(), onJobsEnqueued: () => worker.nudge() });
  worker.start();
  return {
    url,
    async stop() {
      await worker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const CHROMIUM = '/usr/bin/chromium';

/** Whether browser tests can run here; CI sets CAIRN_REQUIRE_BROWSER=1 so a missing browser fails. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CAIRN_REQUIRE_BROWSER === '1') throw new Error(`Chromium is required at ${CHROMIUM} (apt-get install chromium)`);
  return false;
}

/** Launch options for Debian's Chromium: never a downloaded browser, no network beyond loopback. */
export const chromiumLaunchOptions = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
};
