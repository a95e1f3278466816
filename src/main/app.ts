import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../domain/errors.ts';
import { databaseReadiness } from '../storage/pg/readiness.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { requestMeta } from '../http/middleware/requestMeta.ts';
import { csrf } from '../http/middleware/csrf.ts';
import { session } from '../http/middleware/session.ts';
import { contentSecurityPolicy } from '../http/middleware/contentSecurityPolicy.ts';
import { assetRoutes } from '../web/assets/registry.ts';
import { preferenceRoutes } from '../web/preferenceRoutes.ts';
import { onAnyError, onNotFound } from '../http/errorBoundary.tsx';
import { apiRoutes } from '../features/accounts/api/membersApi.ts';
import { vcApiRoutes } from '../features/verification/api/vcApi.ts';
import { publicCredentialRoutes } from '../features/issuing/pages/publicDocuments.ts';
import { tokenRoutes } from '../features/accounts/pages/apiTokens.tsx';
import { catalogApiRoutes } from '../features/catalog/api/catalogApi.ts';
import { catalogRoutes } from '../features/catalog/pages/catalog.tsx';
import { designerRoutes } from '../features/catalog/pages/designer.tsx';
import { imageRoutes } from '../features/catalog/pages/badgeImages.ts';
import { earningApiRoutes } from '../features/earning/api/earningApi.ts';
import { earningRoutes } from '../features/earning/pages/earnerApplications.tsx';
import { reviewQueueRoutes } from '../features/earning/pages/reviewQueue.tsx';
import { earningAnalyticsRoutes } from '../features/earning/pages/earningAnalytics.tsx';
import { peerReviewRoutes } from '../features/earning/pages/peerReview.tsx';
import { credentialRoutes } from '../features/issuing/pages/issuedCredentials.tsx';
import { bulkAwardRoutes, MAX_ROSTER_UPLOAD_MB } from '../features/issuing/pages/bulkAwards.tsx';
import { bulkAwardApiRoutes } from '../features/issuing/api/bulkAwardApi.ts';
import { badgeRoutes } from '../features/issuing/pages/badgePage.tsx';
import { claimRoutes } from '../features/issuing/pages/claims.tsx';
import { backpackRoutes } from '../features/backpack/pages/backpack.tsx';
import { verifyRoutes } from '../features/verification/pages/verify.tsx';
import { credentialsApiRoutes } from '../features/issuing/api/credentialsApi.ts';
import { homeRoutes } from '../features/home/routes.tsx';
import { accountRoutes } from '../features/accounts/pages/accounts.tsx';
import { profileRoutes } from '../features/accounts/pages/profile.tsx';
import { organisationRoutes } from '../features/accounts/pages/organisations.tsx';
import { invitationRoutes } from '../features/accounts/pages/invitations.tsx';
import { devRoutes } from '../features/admin/pages/devMailbox.tsx';
import { proofAndFeesRoutes } from '../features/payments/pages/proofAndFees.tsx';
import { adminRoutes } from '../features/admin/pages/jobQueue.tsx';
import { recognitionRoutes } from '../features/recognition/pages/recognition.tsx';
import { recognitionApiRoutes } from '../features/recognition/api/recognitionApi.ts';
import { ledgerRoutes } from '../features/credit/pages/creditLedger.tsx';
import { oauthProviderMount, ob3Routes } from '../features/ob3api/routes.tsx';
import { auditRoutes } from '../features/audit/pages/auditLog.tsx';
import { webhookRoutes } from '../features/webhooks/routes.ts';
import { ob2ExportRoutes } from '../features/ob2export/routes.ts';

/** How long /readyz waits for the database's answer. */
const READY_TIMEOUT_MS = 2_000;
import { apiDocsRoutes } from '../features/apiDocs/routes.tsx';
import { API_ROUTE_DOCS } from './apiRouteDocs.ts';
import { notificationRoutes, unreadNotifications } from '../features/notifications/routes.ts';
import { outcomeRoutes } from '../features/earning/outcomes/pages.tsx';
import { pathwayRoutes } from '../features/catalog/pathways/pages.tsx';
import { teamRoutes } from '../features/earning/teams/pages.tsx';

/** Cairn's mark: the cairn-blue triangle of the page header. */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 3 30 29H2z" fill="#1f5f8b"/></svg>';

/** Builds the whole web application from its dependencies; test it in-process with app.request(). */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', requestMeta);
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: undefined,
      strictTransportSecurity: deps.config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );
  app.use('*', contentSecurityPolicy);
  // The OAuth 2.0 server (oidc-provider) reads its own bodies and authenticates clients itself.
  app.use('*', oauthProviderMount);
  // Requests are small, except evidence files (limited again per evidence part).
  const tooLarge = (mb: number) => () => {
    throw new AppError('validation_failed', `That request is too large (${mb} MB at most).`);
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
  app.use('*', (c, next) => {
    const match = limits.find(([path]) => path.test(c.req.path));
    if (!match) return small(c, next);
    return match[1] ? match[1](c, next) : next();
  });
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
  // The stylesheet, page scripts and typeface: static, content-hashed, before any session work.
  app.route('/', assetRoutes());
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
  app.use('*', csrf);
  app.use('*', session);
  app.use('*', unreadNotifications);
  // One route group a line (merges stay easy).
  const groups = [
    preferenceRoutes(),
    homeRoutes(),
    accountRoutes(),
    profileRoutes(),
    organisationRoutes(),
    invitationRoutes(),
    devRoutes(),
    adminRoutes(),
    apiRoutes(),
    vcApiRoutes(),
    publicCredentialRoutes(),
    tokenRoutes(),
    catalogApiRoutes(),
    catalogRoutes(),
    designerRoutes(),
    imageRoutes(),
    earningApiRoutes(),
    proofAndFeesRoutes(),
    earningRoutes(),
    peerReviewRoutes(),
    reviewQueueRoutes(),
    earningAnalyticsRoutes(),
    credentialRoutes(),
    bulkAwardRoutes(),
    bulkAwardApiRoutes(),
    badgeRoutes(),
    recognitionRoutes(),
    recognitionApiRoutes(),
    ledgerRoutes(),
    claimRoutes(),
    backpackRoutes(),
    verifyRoutes(),
    credentialsApiRoutes(),
    ob3Routes(),
    auditRoutes(),
    webhookRoutes(),
    ob2ExportRoutes(),
    apiDocsRoutes(API_ROUTE_DOCS),
    notificationRoutes(),
    outcomeRoutes(),
    pathwayRoutes(),
    teamRoutes(),
  ];
  for (const routes of groups) {
    app.route('/', routes);
  }
  app.onError(onAnyError);
  app.notFound(onNotFound);
  return app;
}
