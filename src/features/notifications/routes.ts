import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { notificationPageRoutes } from './pages.tsx';

export { unreadNotifications } from './pages.tsx';

/** Everything the notifications feature serves. */
export function notificationRoutes() {
  const r = new Hono<AppEnv>();
  r.route('/', notificationPageRoutes());
  return r;
}
