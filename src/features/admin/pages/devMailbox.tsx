import { Hono } from 'hono';
import { z } from 'zod';
import { listOutbox, findOutboxMessage } from '../../../mail/outbox.ts';
import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams } from '../../../http/params.ts';
import { TableHead } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { page } from '../../../web/render.tsx';
import { adminPaths } from '../paths.ts';

const idParams = z.object({ id: publicIdParam });
const COLUMNS = ['when', 'to', 'subject', 'status'] as const;

type Message = Awaited<ReturnType<typeof listOutbox>>[number];

export interface MailboxModel {
  /** Only mail to this address, when the reader filtered by one. */
  to: string | undefined;
  messages: Message[];
}

/** The latest 100 messages of the outbox, optionally to one address. */
export async function loadMailbox(db: Queryable, to: string | undefined): Promise<MailboxModel> {
  return { to, messages: await listOutbox(db, { limit: 100, to }) };
}

/** One message of the outbox. */
export async function loadMailMessage(db: Queryable, id: string): Promise<Message> {
  const message = await findOutboxMessage(db, id);
  if (!message) throw notFound('message');
  return message;
}

/** The developer mailbox: every email Cairn sent, newest first, with a filter by address. */
export function MailboxView({ to, messages }: MailboxModel) {
  const { t, date } = useT();
  return (
    <>
      <h1>{t('admin.mailbox.heading')}</h1>
      <p class="muted">{t('admin.mailbox.explain')}</p>
      <form method="get" action={adminPaths.mailbox()} class="stack">
        <div class="field">
          <label for="f-to">{t('admin.mailbox.onlyTo')}</label>
          <input id="f-to" name="to" type="email" value={to ?? ''} />
        </div>
        <button type="submit" class="secondary">
          {t('admin.mailbox.filter')}
        </button>
      </form>
      <table>
        <TableHead columns={COLUMNS.map((c) => t(`admin.mailbox.columns.${c}`))} />
        <tbody>
          {messages.map((m) => (
            <tr>
              <td>{date(m.created_at, { withTime: true })}</td>
              <td>{m.to_address}</td>
              <td>
                <a href={adminPaths.mailMessage(m.public_id)}>{m.subject}</a>
              </td>
              <td>{t(`admin.mailbox.statuses.${m.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** One message as text; its links clickable so the demo's confirmation links can be followed. */
export function MailMessageView({ message: m }: { message: Message }) {
  const { t } = useT();
  const parts = m.text_body.split(/(https?:\/\/\S+)/g);
  return (
    <>
      <h1>{m.subject}</h1>
      <p>
        {t('admin.mailbox.sentTo')} <strong>{m.to_address}</strong> ·{' '}
        {t(`admin.mailbox.statuses.${m.status}`)} ·{' '}
        <a href={adminPaths.mailMessageHtml(m.public_id)}>{t('admin.mailbox.htmlVersion')}</a>
      </p>
      <pre>{parts.map((p) => (/^https?:\/\//.test(p) ? <a href={p}>{p}</a> : p))}</pre>
    </>
  );
}

/** The developer mailbox: mail kept in the outbox when no SMTP server is configured (demo mode). */
export function devRoutes() {
  const r = new Hono<AppEnv>();
  r.use('/dev/*', async (c, next) => {
    if (!c.var.deps.config.mailbox) throw notFound('mailbox');
    await next();
  });
  r.get(adminPaths.mailbox(), async (c) => {
    const to = c.req.query('to')?.trim().toLowerCase() || undefined;
    const model = await loadMailbox(c.var.deps.db, to);
    return page(c, requestTranslator(c).t('admin.mailbox.title'), <MailboxView {...model} />);
  });
  r.get(adminPaths.mailMessage(':id'), async (c) => {
    const message = await loadMailMessage(c.var.deps.db, routeParams(c, idParams).id);
    return page(c, message.subject, <MailMessageView message={message} />);
  });
  r.get(adminPaths.mailMessageHtml(':id'), async (c) => {
    const message = await loadMailMessage(c.var.deps.db, routeParams(c, idParams).id);
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    );
    return c.html(message.html_body);
  });
  return r;
}
