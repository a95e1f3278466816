import { Hono } from 'hono';
import { z } from 'zod';
import { AppError, notFound } from '../../../domain/errors.ts';
import type { AppEnv } from '../../../http/env.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import type { CredentialServices } from '../../../credentials/services.ts';
import { routeParams } from '../../../http/params.ts';
import { ActionButton, CsrfField, TableHead } from '../../../web/forms.tsx';
import { formFields, page, redirectWith } from '../../../web/render.tsx';
import { verifyWithCairn } from '../../verification/index.ts';
import { requireRecognizer } from '../../recognition/index.ts';
import { dismissCompletionNotice } from '../commands/dismissCompletionNotice.ts';
import { markCompletionNoticeRead } from '../commands/markCompletionNoticeRead.ts';
import { postCredit } from '../commands/postCredit.ts';
import { ledgerPaths, outsidePaths } from '../paths.ts';
import { recognizerNotice, recognizerNotices } from '../queries/creditLedger.ts';
import { noticeDelivery } from '../queries/notices.ts';
import { actorOf, day, hours, orgItemParams, orgParams, RecognitionNav, type C } from './ledgerParts.tsx';

const NOTICE_STATES = ['new', 'posted', 'dismissed'] as const;
type NoticeState = (typeof NOTICE_STATES)[number];
const STATE_NAMES: Record<NoticeState, string> = { new: 'New', posted: 'Posted', dismissed: 'Dismissed' };
const noticeQuery = z.object({ state: z.enum(NOTICE_STATES).catch('new') });

// ---------- The inbox of notices ----------

export interface NoticesModel {
  organisation: { name: string; slug: string };
  state: NoticeState;
  rows: Awaited<ReturnType<typeof recognizerNotices>>;
  delivery: Awaited<ReturnType<typeof noticeDelivery>>;
}

/** A recognizer's completion notices in one state, and how its programs' notices reach it. */
export async function loadNotices(
  deps: Pick<CommandDeps, 'db'>,
  { actor, orgSlug, state }: { actor: Actor; orgSlug: string; state: NoticeState },
): Promise<NoticesModel> {
  const { db } = deps;
  const organisation = await requireRecognizer(db, orgSlug, actor.userId, 'recognition.read');
  const [rows, delivery] = await Promise.all([
    recognizerNotices(db, organisation.id, state),
    noticeDelivery(db, organisation.id),
  ]);
  return { organisation: { name: organisation.name, slug: organisation.slug }, state, rows, delivery };
}

function licenseText(n: { license_state: string | null; license_number: string | null }, none: string) {
  if (n.license_state === 'confirmed') return n.license_number;
  return n.license_state ? `${n.license_number} (${n.license_state})` : none;
}

function NoticesTable({
  rows,
  slug,
  state,
}: {
  rows: NoticesModel['rows'];
  slug: string;
  state: NoticeState;
}) {
  if (rows.length === 0) return <p class="muted">No {state} notices.</p>;
  return (
    <table>
      <TableHead columns={['Received', 'Earner', 'Credential', 'Program', 'License']} />
      <tbody>
        {rows.map((n) => (
          <tr>
            <td>{day(n.created_at)}</td>
            <td>{n.recipient_email}</td>
            <td>
              <a href={ledgerPaths.notice(slug, n.public_id)}>{n.achievement_name}</a> ({n.issuer_name})
              {!n.read_at && <span class="tag">Unread</span>}
            </td>
            <td>{n.program_name}</td>
            <td>{licenseText(n, 'no confirmed license yet')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NoticesView(m: NoticesModel) {
  const slug = m.organisation.slug;
  return (
    <>
      <h1>Completion notices of {m.organisation.name}</h1>
      <RecognitionNav slug={slug} />
      <p>
        {NOTICE_STATES.map((s) => (
          <>
            {s === m.state ? (
              <strong>{STATE_NAMES[s]}</strong>
            ) : (
              <a href={ledgerPaths.notices(slug, s)}>{STATE_NAMES[s]}</a>
            )}{' '}
          </>
        ))}
      </p>
      <NoticesTable rows={m.rows} slug={slug} state={m.state} />
      {m.delivery.length > 0 && (
        <section class="card" aria-labelledby="h-delivery">
          <h2 id="h-delivery">How notices reach you</h2>
          <ul>
            {m.delivery.map((p) => (
              <li>
                {p.name}: this inbox{p.digest_email ? ', a daily email digest' : ''}
                {p.webhook_url ? `, webhook ${p.webhook_url}` : ''} —{' '}
                <a href={ledgerPaths.programWebhook(slug, p.public_id)}>webhook settings</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

// ---------- One notice ----------

type Notice = NonNullable<Awaited<ReturnType<typeof recognizerNotice>>>;
export interface NoticeModel {
  slug: string;
  notice: Notice;
  verified: boolean;
  problems: string;
  csrfToken: string;
}

/** One notice of a recognizer's programs, for its officers. */
async function officersNotice(deps: Pick<CommandDeps, 'db'>, target: NoticeTarget) {
  const organisation = await requireRecognizer(
    deps.db,
    target.orgSlug,
    target.actor.userId,
    'recognition.read',
  );
  const notice = await recognizerNotice(deps.db, organisation.id, target.notice);
  if (!notice) throw notFound('notice');
  return { organisation, notice };
}

type NoticeTarget = { actor: Actor; orgSlug: string; notice: string };

/** One notice with the verdict of verifying its signed credential now. */
export async function loadNotice(
  deps: CommandDeps & { credentials: CredentialServices },
  { csrfToken, ...target }: NoticeTarget & { csrfToken: string },
): Promise<NoticeModel> {
  const { db, config, clock, credentials } = deps;
  const { organisation, notice } = await officersNotice(deps, target);
  const report = await verifyWithCairn(notice.document, {
    db,
    config,
    services: credentials,
    now: clock.now(),
  });
  const problems = report.checks
    .filter((x) => !x.ok)
    .map((x) => x.message ?? x.id)
    .join('; ');
  return { slug: organisation.slug, notice, verified: report.verified, problems, csrfToken };
}

function NoticeFacts({ notice }: { notice: Notice }) {
  return (
    <dl>
      <dt>Earner</dt>
      <dd>{notice.recipient_email}</dd>
      <dt>Issuer</dt>
      <dd>{notice.issuer_name}</dd>
      <dt>Issued</dt>
      <dd>{day(notice.valid_from)}</dd>
      <dt>Program</dt>
      <dd>
        {notice.program_name} (
        {notice.posting === 'automatic' ? 'credit posts by rule' : 'credit posts after review'})
      </dd>
      <dt>License</dt>
      <dd>
        {licenseText(
          notice,
          'No confirmed license yet: credit waits until the earner’s license is confirmed.',
        )}
      </dd>
      <dt>State</dt>
      <dd>
        <span class="tag">{STATE_NAMES[notice.state]}</span>
        {notice.revoked && <span class="tag">Credential revoked</span>}
        {notice.decided_by_name && ` by ${notice.decided_by_name}`}
        {notice.dismiss_reason && ` — ${notice.dismiss_reason}`}
      </dd>
      {notice.webhook_state !== 'none' && (
        <>
          <dt>Webhook</dt>
          <dd>
            {notice.webhook_state} after {notice.webhook_attempts} attempt(s)
            {notice.webhook_last_error ? ` — ${notice.webhook_last_error}` : ''}
          </dd>
        </>
      )}
    </dl>
  );
}

function NoticeDecision({ slug, notice, csrfToken }: Pick<NoticeModel, 'slug' | 'notice' | 'csrfToken'>) {
  return (
    <section class="card" aria-labelledby="h-decide">
      <h2 id="h-decide">Decide</h2>
      <ActionButton
        action={ledgerPaths.noticeAction(slug, notice.public_id, 'post')}
        csrfToken={csrfToken}
        label="Post credit"
      />
      <form
        method="post"
        action={ledgerPaths.noticeAction(slug, notice.public_id, 'dismiss')}
        class="stack mt-4"
      >
        <CsrfField token={csrfToken} />
        <div class="field">
          <label for="f-reason">Reason for dismissing (optional)</label>
          <input id="f-reason" name="reason" />
        </div>
        <button type="submit" class="secondary">
          Dismiss
        </button>
      </form>
    </section>
  );
}

export function NoticeView({ slug, notice, verified, problems, csrfToken }: NoticeModel) {
  const action = (a: 'read' | 'credential.json') => ledgerPaths.noticeAction(slug, notice.public_id, a);
  return (
    <>
      <h1>{notice.achievement_name}</h1>
      <RecognitionNav slug={slug} />
      <NoticeFacts notice={notice} />
      {!notice.read_at && (
        <ActionButton
          action={action('read')}
          csrfToken={csrfToken}
          label="Mark as read"
          variant="secondary"
        />
      )}
      <section class="card" aria-labelledby="h-verify">
        <h2 id="h-verify">Verification</h2>
        <p id="verify-result">
          <strong>{verified ? 'Verified' : 'Not verified'}</strong>:{' '}
          {verified ? 'the signed credential checks out (signature, issuer key, dates, status).' : problems}
        </p>
        <p>
          <a href={action('credential.json')} download>
            Download the signed credential
          </a>{' '}
          (verify it independently, e.g. at <a href={outsidePaths.verify()}>/verify</a>)
        </p>
      </section>
      {notice.entries.length > 0 && (
        <section class="card" aria-labelledby="h-ledger">
          <h2 id="h-ledger">Ledger entries</h2>
          <ul>
            {notice.entries.map((e) => (
              <li>
                {day(e.created_at)}: {e.kind} {hours(Number(e.hours))} in the cycle from {e.cycle_start}
                {e.reason ? ` — ${e.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {notice.state === 'new' && <NoticeDecision slug={slug} notice={notice} csrfToken={csrfToken} />}
    </>
  );
}

// ---------- Routes ----------

/** The signed credential a notice carries, exactly as issued (for the officer to verify elsewhere). */
export async function loadNoticeDocument(deps: Pick<CommandDeps, 'db'>, target: NoticeTarget) {
  const { notice } = await officersNotice(deps, target);
  return { document: notice.document, fileName: `${notice.credential_public_id}.json` };
}

/** A notice that cannot be posted or dismissed (no confirmed license yet, revoked, already decided) says why on its page. */
async function explained(c: C, back: string, run: () => Promise<Response>) {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed'))
      return redirectWith(c, back, 'error', err.message);
    throw err;
  }
}

/** The recognizer's completion notices: the inbox, one notice, posting credit or dismissing it. */
export function noticeRoutes() {
  const r = new Hono<AppEnv>();
  const target = (c: C) => {
    const { slug, id } = routeParams(c, orgItemParams);
    return { orgSlug: slug, notice: id, actor: actorOf(c) };
  };
  r.get(ledgerPaths.notices(':slug'), async (c) => {
    const { slug } = routeParams(c, orgParams);
    const { state } = noticeQuery.parse({ state: c.req.query('state') });
    const model = await loadNotices(c.var.deps, { actor: actorOf(c), orgSlug: slug, state });
    return page(c, 'Completion notices', <NoticesView {...model} />);
  });
  r.get(ledgerPaths.notice(':slug', ':id'), async (c) => {
    const model = await loadNotice(c.var.deps, { ...target(c), csrfToken: c.var.csrfToken });
    return page(c, `Notice: ${model.notice.achievement_name}`, <NoticeView {...model} />);
  });
  r.get(ledgerPaths.noticeAction(':slug', ':id', 'credential.json'), async (c) => {
    const { document, fileName } = await loadNoticeDocument(c.var.deps, target(c));
    return c.body(document, 200, {
      'Content-Type': 'application/vc+ld+json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
    });
  });
  r.post(ledgerPaths.noticeAction(':slug', ':id', 'read'), async (c) => {
    const t = target(c);
    await markCompletionNoticeRead(c.var.deps, t);
    return redirectWith(c, ledgerPaths.notice(t.orgSlug, t.notice), 'success', 'Marked as read.');
  });
  r.post(ledgerPaths.noticeAction(':slug', ':id', 'post'), (c) => {
    const t = target(c);
    const back = ledgerPaths.notice(t.orgSlug, t.notice);
    return explained(c, back, async () => {
      const posted = await postCredit(c.var.deps, t);
      const message = posted
        ? `Posted ${hours(posted.hours)} to the license record.`
        : 'Credit was already posted.';
      return redirectWith(c, back, 'success', message);
    });
  });
  r.post(ledgerPaths.noticeAction(':slug', ':id', 'dismiss'), async (c) => {
    const t = target(c);
    const fields = await formFields(c);
    return explained(c, ledgerPaths.notice(t.orgSlug, t.notice), async () => {
      await dismissCompletionNotice(c.var.deps, { ...fields, ...t });
      return redirectWith(c, ledgerPaths.notices(t.orgSlug), 'success', 'Notice dismissed.');
    });
  });
  return r;
}
