import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { AppError, notFound } from '../../domain/errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { requireViewer } from '../../http/middleware/session.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  SelectField,
  emptyForm,
  type FormState,
} from '../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../web/render.tsx';
import {
  DELIVERIES,
  DELIVERY_LABELS,
  EMAILED_BY_THEIR_FLOW,
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_LIST,
  type Delivery,
  type NotificationKind,
} from './kinds.ts';
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

const when = (d: Date) => new Date(d).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

const idParam = z.object({ id: publicIdParam });

/** Adds the viewer's unread count to pages (the navigation shows it). Only page requests pay the query. */
export const unreadNotifications: MiddlewareHandler<AppEnv> = async (c, next) => {
  const viewer = c.var.viewer;
  if (viewer && c.req.method === 'GET' && !c.req.path.startsWith('/api/')) {
    c.set('viewer', { ...viewer, unreadNotifications: await unreadCount(c.var.deps.db, viewer.user_id) });
  }
  await next();
};

function positiveId(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  if (!/^[0-9]{1,15}$/.test(raw))
    throw new AppError('validation_failed', 'That page of the inbox does not exist.');
  return Number(raw);
}

async function inbox(c: C) {
  const viewer = requireViewer(c.var.viewer);
  const unreadOnly = c.req.query('show') === 'unread';
  const before = positiveId(c.req.query('before'));
  const { rows, more } = await inboxPage(c.var.deps.db, viewer.user_id, { before, unreadOnly });
  const unread = viewer.unreadNotifications ?? 0;
  const last = rows.at(-1);
  const filter = unreadOnly ? '&show=unread' : '';
  return page(
    c,
    'Inbox',
    <>
      <h1>Inbox</h1>
      <p>
        {unread === 0 ? 'Nothing unread.' : `${unread} unread.`}{' '}
        <a href="/inbox/settings">Choose what is emailed to you</a>.
      </p>
      <nav aria-label="Inbox views">
        <a href="/inbox" aria-current={unreadOnly ? undefined : 'page'}>
          All
        </a>{' '}
        ·{' '}
        <a href="/inbox?show=unread" aria-current={unreadOnly ? 'page' : undefined}>
          Unread only
        </a>
      </nav>
      {unread > 0 && (
        <ActionButton
          action="/inbox/read-all"
          csrfToken={c.var.csrfToken}
          label="Mark all read"
          variant="secondary"
        />
      )}
      {rows.length === 0 ? (
        <p>
          {before
            ? 'No older notifications.'
            : 'No notifications yet. When someone assigns you work or decides on yours, it appears here.'}
        </p>
      ) : (
        <ul class="notifications">
          {rows.map((n) => {
            const p = presentNotification(n.kind, n.data);
            return (
              <li class={n.read_at ? 'read' : 'unread'}>
                <p>
                  {!n.read_at && <strong>New: </strong>}
                  <a href={`/inbox/${n.public_id}/open`}>{p.title}</a>{' '}
                  <span class="muted">{when(n.created_at)}</span>
                </p>
                <p>{p.body}</p>
                {!n.read_at && (
                  <ActionButton
                    action={`/inbox/${n.public_id}/read`}
                    csrfToken={c.var.csrfToken}
                    label="Mark read"
                    variant="secondary"
                    hidden={{ back: c.req.url.replace(/^https?:\/\/[^/]+/, '') }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {more && last && (
        <p>
          <a href={`/inbox?before=${last.id}${filter}`}>Older notifications</a>
        </p>
      )}
    </>,
  );
}

async function settingsPage(c: C, form: FormState = emptyForm, status: 200 | 422 = 200) {
  const viewer = requireViewer(c.var.viewer);
  const chosen = await preferencesOf(c.var.deps.db, viewer.user_id);
  const options = DELIVERIES.map((d) => [d, DELIVERY_LABELS[d]] as [string, string]);
  return page(
    c,
    'Notification settings',
    <>
      <h1>Notification settings</h1>
      <p>
        Everything appears in your <a href="/inbox">inbox</a>. Choose, for each kind, whether Cairn also
        emails you at once, once a day in a digest, or not at all.
      </p>
      <ErrorSummary form={form} />
      <form method="post" action="/inbox/settings">
        <CsrfField token={c.var.csrfToken} />
        {NOTIFICATION_KIND_LIST.map((k) => (
          <SelectField
            form={form}
            name={k}
            label={`${NOTIFICATION_KINDS[k].label} (${NOTIFICATION_KINDS[k].audience.toLowerCase()})`}
            options={options}
            value={chosen[k]}
            hint={
              EMAILED_BY_THEIR_FLOW.includes(k)
                ? 'Cairn always emails this one as part of its own flow (the badge’s claim email, the review decision, the submission thread), so your choice here changes only the inbox.'
                : undefined
            }
          />
        ))}
        <button type="submit">Save settings</button>
      </form>
    </>,
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
          else errors[k] = 'Choose one of the options.';
        }
        if (Object.keys(errors).length)
          throw new AppError('validation_failed', 'Some choices are not valid.', errors);
        await savePreferences(c.var.deps.db, viewer.user_id, choices, c.var.deps.clock.now());
        return redirectWith(c, '/inbox/settings', 'success', 'Notification settings saved.');
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
      n === 1 ? 'One notification marked read.' : `${n} notifications marked read.`,
    );
  });
  r.post('/inbox/:id/read', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    if (!(await markRead(c.var.deps.db, viewer.user_id, routeParams(c, idParam).id, c.var.deps.clock.now())))
      throw notFound('That notification');
    const back = (await formFields(c)).back;
    const target =
      typeof back === 'string' && back.startsWith('/inbox') && !back.startsWith('//') ? back : '/inbox';
    return redirectWith(c, target, 'success', 'Marked read.');
  });
  r.get('/inbox/:id/open', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const n = await findOwnNotification(c.var.deps.db, viewer.user_id, routeParams(c, idParam).id);
    if (!n) throw notFound('That notification');
    await markRead(c.var.deps.db, viewer.user_id, n.public_id, c.var.deps.clock.now());
    return c.redirect(presentNotification(n.kind, n.data).link, 303);
  });
  return r;
}
