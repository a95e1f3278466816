import { Hono } from 'hono';
import { z } from 'zod';
import { AppError, notFound } from '../../../domain/errors.ts';
import type { AppEnv } from '../../../http/env.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import type { CredentialServices } from '../../../credentials/services.ts';
import { routeParams } from '../../../http/params.ts';
import { ActionButton, CsrfField, TableHead } from '../../../web/forms.tsx';
import { formFields, page, redirectWith } from '../../../web/render.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';
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

/** The license a notice credits: its number when confirmed, with its state when not, or none yet. */
function LicenseText({
  n,
  none,
}: {
  n: { license_state: string | null; license_number: string | null };
  none: string;
}) {
  const { t } = useT();
  const number = n.license_number ?? '';
  if (n.license_state === 'confirmed') return <>{number}</>;
  if (n.license_state === 'pending' || n.license_state === 'rejected')
    return <>{t(`credit.notices.licenseIn.${n.license_state}`, { number })}</>;
  return <>{none}</>;
}

const NOTICE_COLUMNS = ['received', 'earner', 'credential', 'program', 'license'] as const;

function NoticesTable({
  rows,
  slug,
  state,
}: {
  rows: NoticesModel['rows'];
  slug: string;
  state: NoticeState;
}) {
  const i18n = useT();
  const { t } = i18n;
  if (rows.length === 0) return <p class="muted">{t(`credit.notices.none.${state}`)}</p>;
  return (
    <table>
      <TableHead columns={NOTICE_COLUMNS.map((c) => t(`credit.notices.columns.${c}`))} />
      <tbody>
        {rows.map((n) => (
          <tr>
            <td>{day(i18n, n.created_at)}</td>
            <td>{n.recipient_email}</td>
            <td>
              <a href={ledgerPaths.notice(slug, n.public_id)}>{n.achievement_name}</a> ({n.issuer_name})
              {!n.read_at && <span class="tag">{t('credit.notices.unread')}</span>}
            </td>
            <td>{n.program_name}</td>
            <td>
              <LicenseText n={n} none={t('credit.notices.noLicense')} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How each program's notices reach the recognizer: this inbox, a digest, a webhook. */
function Delivery({ slug, delivery }: { slug: string; delivery: NoticesModel['delivery'] }) {
  const { t } = useT();
  if (delivery.length === 0) return null;
  return (
    <section class="card" aria-labelledby="h-delivery">
      <h2 id="h-delivery">{t('credit.notices.delivery.heading')}</h2>
      <ul>
        {delivery.map((p) => (
          <li>
            {t('credit.notices.delivery.line', {
              program: p.name,
              digest: p.digest_email ? 'yes' : 'no',
              hasWebhook: p.webhook_url ? 'yes' : 'no',
              url: p.webhook_url ?? '',
            })}{' '}
            <a href={ledgerPaths.programWebhook(slug, p.public_id)}>
              {t('credit.notices.delivery.settings')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NoticesView(m: NoticesModel) {
  const { t } = useT();
  const slug = m.organisation.slug;
  return (
    <>
      <h1>{t('credit.notices.heading', { organisation: m.organisation.name })}</h1>
      <RecognitionNav slug={slug} />
      <p>
        {NOTICE_STATES.map((s) => (
          <>
            {s === m.state ? (
              <strong>{t(`credit.notices.states.${s}`)}</strong>
            ) : (
              <a href={ledgerPaths.notices(slug, s)}>{t(`credit.notices.states.${s}`)}</a>
            )}{' '}
          </>
        ))}
      </p>
      <NoticesTable rows={m.rows} slug={slug} state={m.state} />
      <Delivery slug={slug} delivery={m.delivery} />
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

function NoticeState({ notice }: { notice: Notice }) {
  const { t } = useT();
  return (
    <>
      <span class="tag">{t(`credit.notice.states.${notice.state}`)}</span>
      {notice.revoked && <span class="tag">{t('credit.notice.credentialRevoked')}</span>}
      {notice.decided_by_name && <> {t('credit.notice.decidedBy', { name: notice.decided_by_name })}</>}
      {notice.dismiss_reason && ` — ${notice.dismiss_reason}`}
    </>
  );
}

function NoticeFacts({ notice }: { notice: Notice }) {
  const i18n = useT();
  const { t } = i18n;
  const posting = notice.posting === 'automatic' ? 'automatic' : 'review';
  return (
    <dl>
      <dt>{t('credit.notice.facts.earner')}</dt>
      <dd>{notice.recipient_email}</dd>
      <dt>{t('credit.notice.facts.issuer')}</dt>
      <dd>{notice.issuer_name}</dd>
      <dt>{t('credit.notice.facts.issued')}</dt>
      <dd>{day(i18n, notice.valid_from)}</dd>
      <dt>{t('credit.notice.facts.program')}</dt>
      <dd>{t(`credit.notice.${posting}`, { program: notice.program_name })}</dd>
      <dt>{t('credit.notice.facts.license')}</dt>
      <dd>
        <LicenseText n={notice} none={t('credit.notice.noLicense')} />
      </dd>
      <dt>{t('credit.notice.facts.state')}</dt>
      <dd>
        <NoticeState notice={notice} />
      </dd>
      {notice.webhook_state !== 'none' && (
        <>
          <dt>{t('credit.notice.facts.webhook')}</dt>
          <dd>
            {t(`credit.notice.webhookState.${notice.webhook_state}`, { count: notice.webhook_attempts })}
            {notice.webhook_last_error ? ` — ${notice.webhook_last_error}` : ''}
          </dd>
        </>
      )}
    </dl>
  );
}

function NoticeDecision({ slug, notice, csrfToken }: Pick<NoticeModel, 'slug' | 'notice' | 'csrfToken'>) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-decide">
      <h2 id="h-decide">{t('credit.notice.decide')}</h2>
      <ActionButton
        action={ledgerPaths.noticeAction(slug, notice.public_id, 'post')}
        csrfToken={csrfToken}
        label={t('credit.notice.post')}
      />
      <form
        method="post"
        action={ledgerPaths.noticeAction(slug, notice.public_id, 'dismiss')}
        class="stack mt-4"
      >
        <CsrfField token={csrfToken} />
        <div class="field">
          <label for="f-reason">{t('credit.notice.dismissReason')}</label>
          <input id="f-reason" name="reason" />
        </div>
        <button type="submit" class="secondary">
          {t('credit.notice.dismiss')}
        </button>
      </form>
    </section>
  );
}

function Verification({ slug, notice, verified, problems }: Omit<NoticeModel, 'csrfToken'>) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-verify">
      <h2 id="h-verify">{t('credit.notice.verification')}</h2>
      <p id="verify-result">
        <strong>{verified ? t('credit.notice.verified') : t('credit.notice.notVerified')}</strong>:{' '}
        {verified ? t('credit.notice.checksOut') : problems}
      </p>
      <p>
        <a href={ledgerPaths.noticeAction(slug, notice.public_id, 'credential.json')} download>
          {t('credit.notice.download')}
        </a>{' '}
        ({t('credit.notice.verifyElsewhere')} <a href={outsidePaths.verify()}>{outsidePaths.verify()}</a>)
      </p>
    </section>
  );
}

function LedgerEntries({ notice }: { notice: Notice }) {
  const i18n = useT();
  const { t } = i18n;
  if (notice.entries.length === 0) return null;
  return (
    <section class="card" aria-labelledby="h-ledger">
      <h2 id="h-ledger">{t('credit.notice.ledger')}</h2>
      <ul>
        {notice.entries.map((e) => (
          <li>
            {t(e.kind === 'credit' ? 'credit.notice.entryCredit' : 'credit.notice.entryReversal', {
              date: day(i18n, e.created_at),
              hours: hours(i18n, Number(e.hours)),
              cycle: day(i18n, e.cycle_start),
            })}
            {e.reason ? ` — ${e.reason}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NoticeView(m: NoticeModel) {
  const { t } = useT();
  const { slug, notice, csrfToken } = m;
  return (
    <>
      <h1>{notice.achievement_name}</h1>
      <RecognitionNav slug={slug} />
      <NoticeFacts notice={notice} />
      {!notice.read_at && (
        <ActionButton
          action={ledgerPaths.noticeAction(slug, notice.public_id, 'read')}
          csrfToken={csrfToken}
          label={t('credit.notice.markRead')}
          variant="secondary"
        />
      )}
      <Verification {...m} />
      <LedgerEntries notice={notice} />
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
    return page(c, requestTranslator(c).t('credit.notices.title'), <NoticesView {...model} />);
  });
  r.get(ledgerPaths.notice(':slug', ':id'), async (c) => {
    const model = await loadNotice(c.var.deps, { ...target(c), csrfToken: c.var.csrfToken });
    const title = requestTranslator(c).t('credit.notice.title', { name: model.notice.achievement_name });
    return page(c, title, <NoticeView {...model} />);
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
    const message = requestTranslator(c).t('credit.notice.flash.read');
    return redirectWith(c, ledgerPaths.notice(t.orgSlug, t.notice), 'success', message);
  });
  r.post(ledgerPaths.noticeAction(':slug', ':id', 'post'), (c) => {
    const t = target(c);
    const back = ledgerPaths.notice(t.orgSlug, t.notice);
    return explained(c, back, async () => {
      const posted = await postCredit(c.var.deps, t);
      const i18n = requestTranslator(c);
      const message = posted
        ? i18n.t('credit.notice.flash.posted', { hours: hours(i18n, posted.hours) })
        : i18n.t('credit.notice.flash.alreadyPosted');
      return redirectWith(c, back, 'success', message);
    });
  });
  r.post(ledgerPaths.noticeAction(':slug', ':id', 'dismiss'), async (c) => {
    const t = target(c);
    const fields = await formFields(c);
    return explained(c, ledgerPaths.notice(t.orgSlug, t.notice), async () => {
      await dismissCompletionNotice(c.var.deps, { ...fields, ...t });
      const message = requestTranslator(c).t('credit.notice.flash.dismissed');
      return redirectWith(c, ledgerPaths.notices(t.orgSlug), 'success', message);
    });
  });
  return r;
}
