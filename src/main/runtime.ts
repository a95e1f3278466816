import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '../config.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { createLogger, type Logger } from '../logger.ts';
import { openStorage, migrate, type Storage } from '../storage/database.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { Worker } from '../jobs/worker.ts';
import { ensureSchedules } from '../jobs/schedules.ts';
import { allJobs, allSchedules } from './jobRegistry.ts';
import { createApp } from './app.ts';
import { createCredentialServices } from '../credentials/services.ts';
import type { CredentialServices } from '../signing/organisationSigner.ts';
import { ensurePublicUrl } from './publicUrl.ts';

/** The pieces every process (web, worker, CLI) is built from. */
export interface Runtime {
  config: Config;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  credentials: CredentialServices;
}

/**
 * Opens storage, applies migrations and builds the shared dependencies. Refuses (closing storage)
 * when the database belongs to another PUBLIC_URL, and records this one on a first start, unless
 * `checkPublicUrl` is false (`cairn migrate`, `cairn public-url`).
 */
export async function openRuntime(
  config: Config,
  overrides: Partial<Pick<Runtime, 'clock' | 'logger' | 'mailer'>> = {},
  options: { checkPublicUrl?: boolean } = {},
): Promise<Runtime> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const storage = await openStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    logger,
  });
  try {
    const applied = await migrate(storage.db);
    if (applied.length) logger.info('applied migrations', { migrations: applied });
    if (options.checkPublicUrl !== false)
      await ensurePublicUrl(storage.db, config, (overrides.clock ?? systemClock).now());
  } catch (err) {
    await storage.close();
    throw err;
  }
  const credentials = createCredentialServices(config);
  return {
    config,
    storage,
    logger,
    credentials,
    clock: overrides.clock ?? systemClock,
    mailer: overrides.mailer ?? createMailer(config.smtpUrl),
  };
}

/** Starts a job worker over the runtime; schedules are registered first. */
export async function startWorker(rt: Runtime, name?: string): Promise<Worker> {
  await ensureSchedules(rt.storage.db, allSchedules, rt.clock.now());
  const worker = new Worker({
    deps: {
      db: rt.storage.db,
      clock: rt.clock,
      logger: rt.logger,
      mailer: rt.mailer,
      config: rt.config,
      credentials: rt.credentials,
    },
    jobs: allJobs,
    concurrency: rt.config.workerConcurrency,
    pollMs: rt.config.jobPollMs,
    name,
  });
  worker.start();
  return worker;
}

export interface WebProcess {
  server: ServerType;
  worker: Worker | null;
  url: string;
  stop(): Promise<void>;
}

/** Serves the web app (and runs jobs in-process unless CAIRN_RUN_JOBS=false). */
export async function startWeb(rt: Runtime): Promise<WebProcess> {
  const worker = rt.config.runJobs ? await startWorker(rt) : null;
  const app = createApp({
    config: rt.config,
    db: rt.storage.db,
    clock: rt.clock,
    logger: rt.logger,
    credentials: rt.credentials,
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: rt.config.port, hostname: rt.config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : rt.config.port;
  return {
    server,
    worker,
    url: `http://${rt.config.host === '0.0.0.0' || rt.config.host === '127.0.0.1' ? 'localhost' : rt.config.host}:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker?.stop();
    },
  };
}

/** Stops cleanly on SIGINT/SIGTERM: no new requests or jobs, running jobs finish, storage closes. */
export function stopOnSignals(rt: Runtime, stoppers: Array<() => Promise<void>>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    rt.logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    for (const s of stoppers)
      await s().catch((err: Error) => rt.logger.error('error while stopping', { error: err.message }));
    await rt.storage.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
