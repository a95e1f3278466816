import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, type ServerType } from '@hono/node-server';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import type { FormatsPlugin } from 'ajv-formats';
import { systemClock } from '../../domain/clock.ts';
import { createApp } from '../../main/app.ts';
import { silentLogger } from '../../logger.ts';
import type { Storage } from '../../storage/database.ts';
import { testConfig, testCredentialServices } from '../../testing/http.ts';

// Test helpers of the OB 3.0 API suites: a listening Cairn with settings, a cookie-keeping
// HTTP client standing in for a browser, and the official response schemas.

/** A real Cairn listening on a loopback port, on the given database, with extra settings. */
export async function startCairn(storage: Storage, env: Record<string, string> = {}) {
  let server!: ServerType;
  const port = await new Promise<number>((resolve) => {
    server = serve(
      { fetch: (req, bindings) => app.fetch(req, bindings), port: 0, hostname: '127.0.0.1' },
      (info) => resolve(info.port),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({ PUBLIC_URL: url, ...env });
  const deps = {
    config,
    db: storage.db,
    clock: systemClock,
    logger: silentLogger,
    credentials: testCredentialServices(),
  };
  const app = createApp(deps);
  return {
    url,
    deps,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser made of plain HTTP requests: keeps cookies per origin, follows no redirect by itself. */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const jar = this.jars.get(target.origin) ?? new Map<string, string>();
    this.jars.set(target.origin, jar);
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(target, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (
        !value ||
        attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()))
      )
        jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).origin)?.get(name);
  }

  /** Logs in on a Cairn (the login form, with its CSRF field); `next` is where it sends us. */
  async logIn(base: string, user: { email: string; password: string }, next?: string): Promise<Response> {
    await this.request(`${base}/login`);
    const csrf = this.cookie(base, 'cairn_csrf') ?? '';
    return this.request(`${base}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`, {
      form: { email: user.email, password: user.password, _csrf: csrf },
    });
  }

  /** Posts a form with the CSRF field of that Cairn. */
  post(base: string, path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(`${base}${path}`, {
      form: { ...fields, _csrf: this.cookie(base, 'cairn_csrf') ?? '' },
    });
  }
}

/** The Location of a redirect, absolute. */
export function locationOf(res: Response, base: string): string {
  const location = res.headers.get('location');
  if (!location) throw new Error(`Expected a redirect, got ${res.status}`);
  return new URL(location, base).toString();
}

const addFormats = createRequire(import.meta.url)('ajv-formats') as FormatsPlugin;
const schemaFile = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../credentials/schemas/${file}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
let validators:
  { credentials: ValidateFunction; status: ValidateFunction; profile: ValidateFunction } | undefined;

/** The official OB 3.0 schemas of the API's answers (ajv, draft 2019-09). */
export function officialSchemas() {
  if (!validators) {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    validators = {
      credentials: ajv.compile(schemaFile('getopenbadgecredentialsresponse.json')),
      status: ajv.compile(schemaFile('imsx_statusinfo.json')),
      profile: ajv.compile(schemaFile('profile.json')),
    };
  }
  return validators;
}

/**
 * This copy of the official schema types `proof` and `credentialSchema` as arrays while VC 2.0
 * documents (Cairn's among them) carry one object; wrapped for validation only, as
 * credentials/schema.ts does. The answer itself is left exactly as sent.
 */
export function forValidation(body: { credential?: Array<Record<string, unknown>> }): unknown {
  return {
    ...body,
    credential: (body.credential ?? []).map((c) => {
      const copy = { ...c };
      for (const key of ['proof', 'credentialSchema'])
        if (copy[key] !== undefined && !Array.isArray(copy[key])) copy[key] = [copy[key]];
      return copy;
    }),
  };
}
