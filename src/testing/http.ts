import type { Hono } from 'hono';
import { loadConfig, type Config } from '../config.ts';
import { ManualClock } from '../domain/clock.ts';
import { silentLogger } from '../logger.ts';
import { createApp } from '../main/app.ts';
import type { AppEnv } from '../http/env.ts';
import type { Storage } from '../storage/database.ts';
import { keyVault } from '../credentials/keyVault.ts';
import { fastCanonicalizer } from '../credentials/proofs/fastCanonicalizer.ts';
import type { CredentialServices } from '../signing/organisationSigner.ts';

let sharedServices: CredentialServices | undefined;
/** One set of signing services per test process (templates warm up once). */
export function testCredentialServices(): CredentialServices {
  sharedServices ??= {
    vault: keyVault('test-secret-test-secret-test-secret-0123'),
    canonicalizer: fastCanonicalizer(),
  };
  return sharedServices;
}

/** A test config: no demo, quiet, a fixed public URL; overrides as environment variables. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    CAIRN_DEMO: 'false',
    CAIRN_MAILBOX: 'true',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://cairn.test',
    CAIRN_FETCH_FOREIGN: 'false',
    CAIRN_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...env,
  });
}

/** The app wired to a test database and a manual clock. */
export function testApp(storage: Storage, options: { config?: Config; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock(new Date());
  const config = options.config ?? testConfig();
  const app = createApp({
    config,
    db: storage.db,
    clock,
    logger: silentLogger,
    credentials: testCredentialServices(),
  });
  return { app, clock, config };
}

/** A browser for in-process requests: keeps cookies, adds the CSRF field to forms. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly ip = '203.0.113.7',
  ) {}

  /** Sends a request and remembers the cookies it sets. */
  async request(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.request(
      path,
      { method, headers, body: init.body },
      { incoming: { socket: { remoteAddress: this.ip } } },
    );
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** GET a page. */
  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request('GET', path, { headers });
  }

  /** The CSRF token for this browser (fetches a page first if it has none). */
  async csrf(): Promise<string> {
    if (!this.cookies.has('cairn_csrf')) await this.get('/login');
    return this.cookies.get('cairn_csrf')!;
  }

  /** Submits a form the way a browser does (urlencoded, with the CSRF field). */
  async post(
    path: string,
    fields: Record<string, string | string[]> = {},
    options: { csrf?: string | null } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? await this.csrf() : options.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.request('POST', path, {
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** GET as a JSON client. */
  async getJson(path: string): Promise<{ status: number; body: unknown }> {
    const res = await this.get(path, { accept: 'application/json' });
    return { status: res.status, body: await res.json() };
  }

  /** POST JSON with the CSRF header. */
  async postJson(path: string, json: unknown): Promise<{ status: number; body: unknown }> {
    const token = await this.csrf();
    const res = await this.request('POST', path, {
      body: JSON.stringify(json),
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': token },
    });
    return { status: res.status, body: await res.json() };
  }
}

/** A browser logged in as the user (for tests). */
export async function loggedIn(
  app: Hono<AppEnv>,
  user: { email: string; password: string },
): Promise<TestBrowser> {
  const browser = new TestBrowser(app);
  const res = await browser.post('/login', { email: user.email, password: user.password });
  if (res.status !== 303) throw new Error(`Could not log in as ${user.email}: ${res.status}`);
  return browser;
}
