import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions, startTestServer } from '../../../src/testing/server.ts';
import { migrate, openStorage, type Db, type Storage } from '../../../src/storage/database.ts';
import { testConfig, testCredentialServices } from '../../../src/testing/http.ts';
import { DEMO_PASSWORD, seedDemo } from '../../../src/main/demo.ts';
import { lastMailTo } from '../../../src/testing/factories.ts';

// What the tours share: a server on a freshly seeded demo (the same seeding as `npm start`), the
// demo's logins, and the guide screenshots.

/** A port free right now, for the demo's public URL. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

let seeded: Promise<{ snapshot: Blob; port: number }> | undefined;

/**
 * The demo, seeded once per test process (as `npm start` seeds it) for the public URL
 * http://127.0.0.1:<port>, kept as a snapshot of the embedded database. Every tour opens its own
 * copy and serves it on that same port (one tour at a time), so badges name the issuer by the
 * address they are served from and verify. Seeding takes most of a minute on this kind of machine;
 * a copy opens in seconds.
 */
function seededDemo(): Promise<{ snapshot: Blob; port: number }> {
  seeded ??= (async () => {
    const port = await freePort();
    const storage = await openStorage({ databaseUrl: null, dataDir: '', inMemory: true });
    try {
      await migrate(storage.db);
      const config = testConfig({ PUBLIC_URL: `http://127.0.0.1:${port}` });
      await seedDemo(storage.db, new Date(), config, testCredentialServices());
      return { snapshot: await storage.snapshot!(), port };
    } finally {
      await storage.close();
    }
  })();
  return seeded;
}

/**
 * Registers before/after hooks for one tour: its own copy of the seeded demo (see `seededDemo`),
 * a test server on it, and Chromium. Each tour has its own copy, so tours never depend on each
 * other's order. Use the getters inside tests.
 */
export function useDemoServer(options: { defaultTimeout?: number } = {}) {
  let storage: Storage | undefined;
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  before(async () => {
    const demo = await seededDemo();
    storage = await openStorage({ databaseUrl: null, dataDir: '', inMemory: true, from: demo.snapshot });
    server = await startTestServer(storage, { port: demo.port });
    browser = await chromium.launch(chromiumLaunchOptions);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await storage?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The demo server is not started yet: use it inside a test.');
    return value;
  };
  const web = {
    get url(): string {
      return started(server).url;
    },
    /** The demo's database (for a test that reads what the demo holds). */
    get db(): Db {
      return started(storage).db;
    },
    /** The shared Chromium, for a test that makes its own contexts (cookies, colour scheme, locale). */
    get browser(): Browser {
      return started(browser);
    },
    async newPage(): Promise<Page> {
      const page = await started(browser).newPage();
      page.setDefaultTimeout(options.defaultTimeout ?? 20_000);
      return page;
    },
    /**
     * The link of the newest email to an address made from `template` (the server's worker sends
     * it; this waits for it to be queued, as a person waits for the email).
     */
    async mailLink(to: string, template: string): Promise<string> {
      for (let i = 0; i < 100; i++) {
        const { mail, link } = await lastMailTo(started(storage).db, to);
        if (mail?.template === template && link) return link;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`No ${template} email reached ${to}`);
    },
    /** A new page logged in as a demo account (through the login form). */
    async logIn(email: string): Promise<Page> {
      const page = await web.newPage();
      await page.goto(`${web.url}/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      return page;
    },
  };
  return web;
}

const SCREENSHOTS = process.env.CAIRN_GUIDE_SCREENSHOTS === '1';
const IMAGES = 'docs/guides/images';

/**
 * With CAIRN_GUIDE_SCREENSHOTS=1, saves what the page shows at a phone's width (390 px) and a
 * laptop's (1280 px) as docs/guides/images/<name>-390.jpg and -1280.jpg for the guides; otherwise
 * does nothing, so ordinary test runs never rewrite the images.
 */
export async function guideShot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(IMAGES, { recursive: true });
  const before = page.viewportSize();
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${IMAGES}/${name}-${width}.jpg`, type: 'jpeg', quality: 60 });
  }
  if (before) await page.setViewportSize(before);
}

/** Reloads a page until a text shows (the server's worker runs issuing and notices meanwhile). */
export async function reloadUntil(page: Page, url: string, text: string | RegExp): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await page.goto(url);
    if ((await page.getByText(text).count()) > 0) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`${String(text)} never appeared on ${url}`);
}

const pdf = (what: string) => ({
  name: `${what}.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${what}\n%%EOF\n`),
});

/**
 * On an open union application page: fills the five evidence parts of the demo's
 * performance-based micro-credentials (context, plan, video link, student data, reflection).
 */
export async function fillUnionEvidence(page: Page): Promise<void> {
  const answers = page.getByLabel(/Your answer/);
  await answers.nth(0).fill('Grade 5, all subjects, 26 students; six are multilingual learners.');
  await page
    .getByLabel(/Choose a file/)
    .nth(0)
    .setInputFiles(pdf('plan'));
  await page.getByLabel('Link').fill('https://video.example.org/alex-rivera/lesson-2');
  await page
    .getByLabel(/Choose a file/)
    .nth(1)
    .setInputFiles(pdf('student-data'));
  await answers.nth(1).fill('Students now start the task within a minute. Next I will try it with my team.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Your evidence is saved.').waitFor();
}

/** The reviewer opens the submission of this title from the queue and passes it at the proficient level. */
export async function passReview(page: Page, url: string, title: string, attempt = 1): Promise<void> {
  await page.goto(`${url}/reviews`);
  await page.getByRole('link', { name: `${title} — attempt ${attempt}` }).click();
  for (const group of await page.getByRole('radio', { name: /^Proficient:/ }).all()) await group.check();
  await page.getByLabel('Overall feedback').fill('Clear, taught steps and convincing evidence. Well done.');
  await page.getByLabel('Pass', { exact: true }).check();
  await page.getByRole('button', { name: 'Record review' }).click();
  await page.getByText('Review recorded').waitFor();
}
