import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
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
import { bulkAwardRoutes } from '../features/issuing/pages/bulkAwards.tsx';
import { bulkAwardApiRoutes } from '../features/issuing/api/bulkAwardApi.ts';
import { badgeRoutes } from '../features/issuing/pages/badgePage.tsx';
import { claimRoutes } from '../features/issuing/pages/claims.tsx';
import { backpackRoutes } from '../features/backpack/pages/backpack.tsx';
import { verifyRoutes } from '../features/verification/pages/verify.tsx';
import { credentialsApiRoutes } from '../features/issuing/api/credentialsApi.ts';
import { homeRoutes } from '../features/home/routes.tsx';
import { accountRoutes } from '../features/accounts/pages/accounts.tsx';
import { profileRoutes } from '../features/accounts/pages/profile.tsx';
import { saveViewerLocale } from '../features/accounts/index.ts';
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

import { apiDocsRoutes } from '../features/apiDocs/routes.tsx';
import { API_ROUTE_DOCS } from './apiRouteDocs.ts';
import { bodyLimits, probes } from './appBasics.ts';
import { notificationRoutes, unreadNotifications } from '../features/notifications/routes.ts';
import { outcomeRoutes } from '../features/earning/outcomes/pages.tsx';
import { pathwayRoutes } from '../features/catalog/pathways/pages.tsx';
import { teamRoutes } from '../features/earning/teams/pages.tsx';

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
  app.use('*', bodyLimits());
  probes(app, deps);
  // The stylesheet, page scripts and typeface: static, content-hashed, before any session work.
  app.route('/', assetRoutes());
  app.use('*', csrf);
  app.use('*', session);
  app.use('*', unreadNotifications);
  // One route group a line (merges stay easy).
  const groups = [
    preferenceRoutes({ saveLocale: saveViewerLocale }),
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
