import { Hono } from 'hono';
import { listOutbox, findOutboxMessage } from '../../../mail/outbox.ts';
import { notFound } from '../../../domain/errors.ts';
import type { AppEnv } from '../../../http/env.ts';
import { page } from '../../../web/render.tsx';
import { z } from 'zod';
import { publicIdParam, routeParams } from '../../../http/params.ts';

const idParam = z.object({ id: publicIdParam });

/** The developer mailbox: mail kept in the outbox when no SMTP server is configured (demo mode). */
export function devRoutes() {
  const r = new Hono<AppEnv>();
  r.use('/dev/*', async (c, next) => {
    if (!c.var.deps.config.mailbox) throw notFound('mailbox');
    await next();
  });
  r.get('/dev/mailbox', async (c) => {
    const to = c.req.query('to')?.trim().toLowerCase() || undefined;
    const messages = await listOutbox(c.var.deps.db, { limit: 100, to });
    return page(
      c,
      'Mailbox',
      <>
        <h1>Developer mailbox</h1>
        <p class="muted">
          Every email Cairn sent, newest first. Shown because CAIRN_MAILBOX is on (the default in demo mode);
          turn it off in production.
        </p>
        <form method="get" action="/dev/mailbox" class="stack">
          <div class="field">
            <label for="f-to">Only mail to</label>
            <input id="f-to" name="to" type="email" value={to ?? ''} />
          </div>
          <button type="submit" class="secondary">
            Filter
          </button>
        </form>
        <table>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr>
                <td>{m.created_at.toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>{m.to_address}</td>
                <td>
                  <a href={`/dev/mailbox/${m.public_id}`}>{m.subject}</a>
                </td>
                <td>{m.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
    );
  });
  r.get('/dev/mailbox/:id', async (c) => {
    const m = await findOutboxMessage(c.var.deps.db, routeParams(c, idParam).id);
    if (!m) throw notFound('message');
    // Links in the text body become clickable so the demo's confirmation links can be followed.
    const parts = m.text_body.split(/(https?:\/\/\S+)/g);
    return page(
      c,
      m.subject,
      <>
        <h1>{m.subject}</h1>
        <p>
          To <strong>{m.to_address}</strong> · {m.status} ·{' '}
          <a href={`/dev/mailbox/${m.public_id}/html`}>HTML version</a>
        </p>
        <pre>{parts.map((p) => (/^https?:\/\//.test(p) ? <a href={p}>{p}</a> : p))}</pre>
      </>,
    );
  });
  r.get('/dev/mailbox/:id/html', async (c) => {
    const m = await findOutboxMessage(c.var.deps.db, routeParams(c, idParam).id);
    if (!m) throw notFound('message');
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    );
    return c.html(m.html_body);
  });
  return r;
}
