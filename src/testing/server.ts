import { serve, type ServerType } from '@hono/node-server';
import { existsSync, mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ManualClock, systemClock, type Clock } from '../domain/clock.ts';
import { silentLogger } from '../logger.ts';
import { createApp } from '../main/app.ts';
import { Worker } from '../jobs/worker.ts';
import { allJobs } from '../main/jobRegistry.ts';
import { outboxOnlyMailer, type Mailer } from '../mail/mailer.ts';
import type { Storage } from '../storage/database.ts';
import { testConfig, testCredentialServices } from './http.ts';

/** A real HTTP server on a free loopback port, with an in-process worker, for browser tests. */
export async function startTestServer(
  storage: Storage,
  options: { mailer?: Mailer; clock?: Clock | ManualClock; port?: number } = {},
) {
  const clock = options.clock ?? systemClock;
  let server!: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve(
      { fetch: (req, env) => app.fetch(req, env), port: options.port ?? 0, hostname: '127.0.0.1' },
      (info) => resolve(info.port),
    );
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({ PUBLIC_URL: url, JOB_POLL_MS: '100', CAIRN_PSEUDO_LOCALE: 'true' });
  const worker = new Worker({
    deps: {
      db: storage.db,
      clock,
      logger: silentLogger,
      mailer: options.mailer ?? outboxOnlyMailer,
      config,
      credentials: testCredentialServices(),
    },
    jobs: allJobs,
    concurrency: 2,
    pollMs: 100,
  });
  const app = createApp({
    config,
    db: storage.db,
    clock,
    logger: silentLogger,
    credentials: testCredentialServices(),
  });
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
  if (process.env.CAIRN_REQUIRE_BROWSER === '1')
    throw new Error(`Chromium is required at ${CHROMIUM} (apt-get install chromium)`);
  return false;
}

/** Launch options for Debian's Chromium: never a downloaded browser, no network beyond loopback. */
export const chromiumLaunchOptions = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};

/**
 * The shared setup of a browser test: registers before/after hooks that start a test server on
 * the given storage and launch Chromium (and make test-results/ for screenshots), then close both.
 * Use the getters inside tests; `newPage` applies the default timeout, `logIn` signs a user in.
 */
export function useBrowserServer(
  storage: () => Promise<Storage>,
  options: { defaultTimeout?: number; mailer?: () => Mailer } = {},
) {
  const timeout = options.defaultTimeout ?? 10_000;
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  before(async () => {
    server = await startTestServer(await storage(), { mailer: options.mailer?.() });
    browser = await chromium.launch(chromiumLaunchOptions);
    mkdirSync('test-results', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is not started yet: use it inside a test.`);
    return value;
  };
  const session = {
    get browser(): Browser {
      return started(browser, 'browser');
    },
    /** The base URL of the running test server, e.g. http://127.0.0.1:41234 */
    get url(): string {
      return started(server, 'test server').url;
    },
    /** A new page with the default timeout set. */
    async newPage(): Promise<Page> {
      const page = await session.browser.newPage();
      page.setDefaultTimeout(timeout);
      return page;
    },
    /** A new page logged in as the user (through the login form). */
    async logIn(user: { email: string; password: string }): Promise<Page> {
      const page = await session.newPage();
      await page.goto(`${session.url}/login`);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      return page;
    },
  };
  return session;
}
