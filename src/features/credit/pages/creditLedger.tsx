import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import { earnerLicenseRoutes } from './earnerLicenses.tsx';
import { noticeRoutes } from './notices.tsx';
import { noticeWebhookRoutes } from './noticeWebhook.tsx';
import { officerLicenseRoutes } from './officerLicenses.tsx';
import { rosterRoutes } from './roster.tsx';

/** Earners' license records and renewal progress; recognizers' notices, license links, roster. */
export function ledgerRoutes() {
  const r = new Hono<AppEnv>();
  r.route('/', earnerLicenseRoutes());
  r.route('/', noticeRoutes());
  r.route('/', officerLicenseRoutes());
  r.route('/', rosterRoutes());
  r.route('/', noticeWebhookRoutes());
  return r;
}
