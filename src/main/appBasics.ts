import { type Context, type Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../domain/errors.ts';
import { commandMessage } from '../web/i18n/commandMessages.ts';
import { databaseReadiness } from '../storage/pg/readiness.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { MAX_ROSTER_UPLOAD_MB } from '../features/issuing/pages/bulkAwards.tsx';

/** How long /readyz waits for the database's answer. */
const READY_TIMEOUT_MS = 2_000;

/** Cairn's mark: the cairn-blue triangle of the page header. */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 3 30 29H2z" fill="#1f5f8b"/></svg>';

/** How large a request may be, by path: small everywhere, except where files arrive. */
export function bodyLimits(): MiddlewareHandler<AppEnv> {
  // Requests are small, except evidence files (limited again per evidence part).
  const tooLarge = (mb: number) => () => {
    throw new AppError('validation_failed', commandMessage('errors.general.requestTooLarge', { mb }));
  };
  const small = bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge(1) });
  const evidence = bodyLimit({ maxSize: 100 * 1024 * 1024, onError: tooLarge(100) });
  const badgeFile = bodyLimit({ maxSize: 6 * 1024 * 1024, onError: tooLarge(6) });
  const roster = bodyLimit({
    maxSize: MAX_ROSTER_UPLOAD_MB * 1024 * 1024,
    onError: tooLarge(MAX_ROSTER_UPLOAD_MB),
  });
  // Larger bodies only where files arrive; the streamed roster API counts its own bytes.
  const limits: [RegExp, MiddlewareHandler<AppEnv> | null][] = [
    [/^\/applications\/[^/]+\/evidence\/\d+\/file$/, evidence],
    [/^(\/api\/v1)?\/applications\/[^/]+\/certificate$/, evidence],
    [/^\/orgs\/[^/]+\/awards$/, roster],
    [/^\/api\/v1\/orgs\/[^/]+\/award-runs$/, null],
    [/^\/verify$/, badgeFile],
  ];
  return (c, next) => {
    const match = limits.find(([path]) => path.test(c.req.path));
    if (!match) return small(c, next);
    return match[1] ? match[1](c, next) : next();
  };
}

/** The probes an orchestrator asks (liveness, readiness) and the site's icon. */
export function probes(app: Hono<AppEnv>, deps: AppDeps): void {
  // Liveness: the process runs and its event loop answers; never touches the database, so an
  // orchestrator does not restart web processes during a database outage they will ride out.
  const alive = (c: Context<AppEnv>) => c.json({ ok: true });
  app.get('/healthz', alive);
  app.get('/livez', alive);
  // The site's icon (browsers ask for it; OAuth clients show it as Cairn's logo).
  const icon = (c: Context<AppEnv>) =>
    c.body(FAVICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' });
  app.get('/favicon.svg', icon);
  app.get('/favicon.ico', icon);
  // Readiness: the database answers a `select 1` within a short bound; 503 with the reason if not.
  app.get('/readyz', async (c) => {
    const readiness = await databaseReadiness(
      deps.db,
      Math.min(READY_TIMEOUT_MS, deps.config.databaseConnectTimeoutMs),
    );
    if (readiness.ready) return c.json({ ok: true });
    c.header('Retry-After', '5');
    return c.json({ ok: false, reason: readiness.reason }, 503);
  });
}
