import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { webhookApiRoutes } from './api.ts';
import { webhookPageRoutes } from './pages.tsx';

/** Everything the webhooks feature serves. */
export function webhookRoutes() {
  const r = new Hono<AppEnv>();
  r.route('/', webhookPageRoutes());
  r.route('/', webhookApiRoutes());
  return r;
}
