import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import type { Locale } from '../../web/i18n/i18n.ts';
import { chooseLocale } from './commands/chooseLocale.ts';

/**
 * The language switcher's hook (src/web/preferenceRoutes.ts): a logged-in person's choice is kept
 * with their account, so it follows them to other devices and into their mail.
 */
export async function saveViewerLocale(c: Context<AppEnv>, locale: Locale): Promise<void> {
  const viewer = c.var.viewer;
  if (!viewer) return;
  await chooseLocale(c.var.deps, { locale, actor: { userId: viewer.user_id, ip: c.var.ip } });
}
