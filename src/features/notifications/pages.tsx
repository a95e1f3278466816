import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { AppError, notFound } from '../../domain/errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { requireViewer } from '../../http/middleware/session.ts';
import { emptyForm, type FormState } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { requestTranslator } from '../../web/preferences.ts';
import { InboxView, SettingsView, type InboxModel } from './views.tsx';
import { formFields, handleForm, page, redirectWith } from '../../web/render.tsx';
import { DELIVERIES, NOTIFICATION_KIND_LIST, type Delivery, type NotificationKind } from './kinds.ts';
import { presentNotification } from './present.ts';
import {
  findOwnNotification,
  inboxPage,
  markAllRead,
  markRead,
  preferencesOf,
  savePreferences,
  unreadCount,
} from './queries.ts';
import { z } from 'zod';
import { publicIdParam, routeParams } from '../../http/params.ts';

type C = Context<AppEnv>;

const idParam = z.object({ id: publicIdParam });

/** Adds the viewer's unread count to pages (the navigation shows it). Only page requests pay the query. */
export const unreadNotifications: MiddlewareHandler<AppEnv> = async (c, next) => {
  const viewer = c.var.viewer;
  if (viewer && c.req.method === 'GET' && !c.req.path.startsWith('/api/')) {
    c.set('viewer', { ...viewer, unreadNotifications: await unreadCount(c.var.deps.db, viewer.user_id) });
  }
  await next();
};

function positiveId(raw: string | undefined, t: Translator['t']): number | undefined {
  if (!raw) return undefined;
  if (!/^[0-9]{1,15}$/.test(raw)) throw new AppError('validation_failed', t('notifications.inbox.badPage'));
  return Number(raw);
}

async function inbox(c: C) {
  const viewer = requireViewer(c.var.viewer);
  const { t } = requestTranslator(c);
  const unreadOnly = c.req.query('show') === 'unread';
  const before = positiveId(c.req.query('before'), t);
  const { rows, more } = await inboxPage(c.var.deps.db, viewer.user_id, { before, unreadOnly });
  const last = rows.at(-1);
  const model: InboxModel = {
    unread: viewer.unreadNotifications ?? 0,
    unreadOnly,
    paged: !!before,
    notifications: rows.map((n) => ({
      publicId: n.public_id,
      kind: n.kind,
      data: n.data,
      read: !!n.read_at,
      at: new Date(n.created_at),
    })),
    olderHref: more && last ? `/inbox?before=${last.id}${unreadOnly ? '&show=unread' : ''}` : null,
    back: c.req.url.replace(/^https?:\/\/[^/]+/, ''),
  };
  return page(c, t('notifications.inbox.title'), <InboxView model={model} csrf={c.var.csrfToken} />);
}

async function settingsPage(c: C, form: FormState = emptyForm, status: 200 | 422 = 200) {
  const viewer = requireViewer(c.var.viewer);
  const chosen = await preferencesOf(c.var.deps.db, viewer.user_id);
  return page(
    c,
    requestTranslator(c).t('notifications.settings.title'),
    <SettingsView chosen={chosen} form={form} csrf={c.var.csrfToken} />,
    status,
  );
}

/** The inbox pages: /inbox (paged), open / mark read / mark all read, and /inbox/settings. Only one's own notifications exist for anyone (404 otherwise). */
export function notificationPageRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/inbox', (c) => inbox(c));
  r.get('/inbox/settings', (c) => settingsPage(c));
  r.post('/inbox/settings', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const { t } = requestTranslator(c);
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const choices: Partial<Record<NotificationKind, Delivery>> = {};
        const errors: Record<string, string> = {};
        for (const k of NOTIFICATION_KIND_LIST) {
          const v = fields[k];
          if (v === undefined) continue;
          if (typeof v === 'string' && (DELIVERIES as readonly string[]).includes(v))
            choices[k] = v as Delivery;
          else errors[k] = t('notifications.settings.chooseOption');
        }
        if (Object.keys(errors).length)
          throw new AppError('validation_failed', t('notifications.settings.invalid'), errors);
        await savePreferences(c.var.deps.db, viewer.user_id, choices, c.var.deps.clock.now());
        return redirectWith(c, '/inbox/settings', 'success', t('notifications.settings.saved'));
      },
      (form, status) => settingsPage(c, form, status as 422),
    );
  });
  r.post('/inbox/read-all', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const n = await markAllRead(c.var.deps.db, viewer.user_id, c.var.deps.clock.now());
    return redirectWith(
      c,
      '/inbox',
      'success',
      requestTranslator(c).t('notifications.flash.markedAll', { count: n }),
    );
  });
  r.post('/inbox/:id/read', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    if (!(await markRead(c.var.deps.db, viewer.user_id, routeParams(c, idParam).id, c.var.deps.clock.now())))
      throw notFound('notification');
    const back = (await formFields(c)).back;
    const target =
      typeof back === 'string' && back.startsWith('/inbox') && !back.startsWith('//') ? back : '/inbox';
    return redirectWith(c, target, 'success', requestTranslator(c).t('notifications.flash.marked'));
  });
  r.get('/inbox/:id/open', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const n = await findOwnNotification(c.var.deps.db, viewer.user_id, routeParams(c, idParam).id);
    if (!n) throw notFound('notification');
    await markRead(c.var.deps.db, viewer.user_id, n.public_id, c.var.deps.clock.now());
    return c.redirect(presentNotification(n.kind, n.data, requestTranslator(c).t).link, 303);
  });
  return r;
}
