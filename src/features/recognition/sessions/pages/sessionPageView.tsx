import { Table } from '../../../../web/components/Table.tsx';
import { EmptyState } from '../../../../web/components/EmptyState.tsx';
import { CsrfField, ErrorSummary, TextArea, emptyForm, type FormState } from '../../../../web/forms.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import { sessionPaths } from '../paths.ts';
import type { invitationsOf, SessionView } from '../queries/sessions.ts';
import { datesOf, SessionStatus } from './sessionsView.tsx';

export type SessionForm = 'approve' | 'decline' | 'roster';

export interface SessionPageModel {
  slug: string;
  session: SessionView;
  /** The member sees it as the council (back link to the queue) rather than as the provider. */
  asCouncil: boolean;
  canDecide: boolean;
  canWithdraw: boolean;
  canUpload: boolean;
  invitations: Awaited<ReturnType<typeof invitationsOf>> | null;
  failed: { name?: SessionForm; form?: FormState };
  csrfToken: string;
}

function Details({ session: s }: { session: SessionView }) {
  const { t, date } = useT();
  return (
    <dl class="facts">
      <dt>{t('programA.sessions.page.dates')}</dt>
      <dd>{datesOf(s)}</dd>
      <dt>{t('programA.sessions.page.hours')}</dt>
      <dd>{s.hours === null ? '—' : t('programA.sessions.page.hoursValue', { hours: s.hours })}</dd>
      <dt>{t('programA.sessions.page.presenter')}</dt>
      <dd>{s.presenter || '—'}</dd>
      <dt>{t('programA.sessions.page.description')}</dt>
      <dd class="pre-wrap">{s.description || '—'}</dd>
      {s.requester_name && (
        <dd class="muted">
          {t('programA.sessions.page.requestedBy', { name: s.requester_name, date: date(s.created_at) })}
        </dd>
      )}
      {s.decided_at && s.decider_name && (
        <dd class="muted">
          {t('programA.sessions.page.decidedBy', { name: s.decider_name, date: date(s.decided_at) })}
        </dd>
      )}
    </dl>
  );
}

function Decide(m: SessionPageModel & { formFor: (n: SessionForm) => FormState }) {
  const { t } = useT();
  const id = m.session.public_id;
  return (
    <section class="card">
      <h2>{t('programA.sessions.decide.title')}</h2>
      <form method="post" action={sessionPaths.step(m.slug, id, 'approve')} class="stack">
        <CsrfField token={m.csrfToken} />
        <TextArea
          form={m.formFor('approve')}
          name="note"
          label={t('programA.sessions.decide.approveNote')}
          rows={2}
        />
        <p>
          <button type="submit">{t('programA.sessions.decide.approve')}</button>
        </p>
      </form>
      <form method="post" action={sessionPaths.step(m.slug, id, 'decline')} class="stack">
        <CsrfField token={m.csrfToken} />
        <TextArea
          form={m.formFor('decline')}
          name="reason"
          label={t('programA.sessions.decide.reason')}
          hint={t('programA.sessions.decide.reasonHint')}
          rows={3}
        />
        <p>
          <button type="submit" class="danger">
            {t('programA.sessions.decide.decline')}
          </button>
        </p>
      </form>
    </section>
  );
}

function Roster(m: SessionPageModel & { formFor: (n: SessionForm) => FormState }) {
  const { t } = useT();
  const form = m.formFor('roster');
  const error = form.errors.roster;
  return (
    <section class="card">
      <h2>{t('programA.sessions.roster.title')}</h2>
      {m.session.status !== 'approved' ? (
        <p class="muted">{t('programA.sessions.roster.notYet')}</p>
      ) : (
        m.canUpload && (
          <form
            method="post"
            action={sessionPaths.step(m.slug, m.session.public_id, 'roster')}
            enctype="multipart/form-data"
            class="stack"
          >
            <CsrfField token={m.csrfToken} />
            <p>{t('programA.sessions.roster.intro')}</p>
            <div class="field">
              <label for="f-roster">{t('programA.sessions.roster.file')}</label>
              {error && (
                <span id="f-roster-error" class="error-text">
                  {error}
                </span>
              )}
              <input
                id="f-roster"
                name="roster"
                type="file"
                accept=".csv,text/csv"
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? 'f-roster-error' : undefined}
              />
            </div>
            <p>
              <button type="submit">{t('programA.sessions.roster.upload')}</button>
            </p>
          </form>
        )
      )}
      {m.invitations && m.session.status === 'approved' && (
        <Table
          caption={t('programA.sessions.roster.title')}
          rows={m.invitations}
          empty={
            <EmptyState
              headingLevel={3}
              title={t('programA.sessions.roster.title')}
              next={t('programA.sessions.roster.empty')}
            />
          }
          columns={[
            { label: t('programA.sessions.roster.name'), cell: (i) => i.name },
            { label: t('programA.sessions.roster.email'), cell: (i) => i.email },
            {
              label: t('programA.sessions.roster.state'),
              cell: (i) => (
                <span
                  class={`chip ${i.applied ? 'ok' : i.state === 'sent' ? 'info' : 'neutral'}`}
                  data-status={i.applied ? 'applied' : i.state}
                >
                  {t(
                    i.applied
                      ? 'programA.sessions.roster.applied'
                      : i.state === 'sent'
                        ? 'programA.sessions.roster.sent'
                        : 'programA.sessions.roster.queued',
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}

/** One session as its provider or council sees it: the content, the decision, and the roster. */
export function SessionPageView(m: SessionPageModel) {
  const { t } = useT();
  const s = m.session;
  const formFor = (name: SessionForm) =>
    m.failed.name === name && m.failed.form ? m.failed.form : emptyForm;
  return (
    <>
      <section class="card">
        <p class="muted">
          <a href={m.asCouncil ? sessionPaths.queue(m.slug) : sessionPaths.mine(m.slug)}>
            {t(m.asCouncil ? 'programA.sessions.page.backQueue' : 'programA.sessions.page.backMine')}
          </a>{' '}
          · {s.public_id}
        </p>
        <h1>{s.title}</h1>
        <p>
          <SessionStatus status={s.status} />{' '}
          {s.provider_name
            ? t('programA.sessions.page.summary', {
                provider: s.provider_name,
                council: s.council_name,
                badge: s.mc_title,
              })
            : t('programA.sessions.page.noProvider')}
        </p>
        {m.failed.form && <ErrorSummary form={m.failed.form} />}
        {s.decision_note && (
          <div class={s.status === 'declined' ? 'flash error' : 'flash info'}>
            <strong>{t('programA.sessions.page.decisionNote')}:</strong>{' '}
            <span class="pre-wrap">{s.decision_note}</span>
          </div>
        )}
        <Details session={s} />
        {m.canWithdraw && (
          <form method="post" action={sessionPaths.step(m.slug, s.public_id, 'withdraw')}>
            <CsrfField token={m.csrfToken} />
            <button type="submit" class="secondary">
              {t('programA.sessions.withdraw.button')}
            </button>
          </form>
        )}
      </section>
      {m.canDecide && <Decide {...m} formFor={formFor} />}
      {(m.invitations || m.canUpload) && <Roster {...m} formFor={formFor} />}
    </>
  );
}
