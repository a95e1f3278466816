import { Table } from '../../../../web/components/Table.tsx';
import { EmptyState } from '../../../../web/components/EmptyState.tsx';
import {
  CsrfField,
  ErrorSummary,
  Field,
  SelectField,
  TextArea,
  type FormState,
} from '../../../../web/forms.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import type { CeSessionStatus } from '../../../../storage/schema.ts';
import { sessionPaths } from '../paths.ts';
import type { SessionView } from '../queries/sessions.ts';

// The views of the continuing-education session pages: pure JSX of their models.

const TONES: Record<CeSessionStatus, string> = {
  submitted: 'info',
  approved: 'ok',
  declined: 'bad',
  withdrawn: 'neutral',
};

export function SessionStatus({ status }: { status: CeSessionStatus }) {
  const { t } = useT();
  return (
    <span class={`chip ${TONES[status]}`} data-status={status}>
      {t(`programA.sessions.status.${status}`)}
    </span>
  );
}

/** "2026-04-18" or "2026-04-18 – 2026-04-19". */
export const datesOf = (s: Pick<SessionView, 'starts_on' | 'ends_on'>) =>
  s.starts_on
    ? s.ends_on && s.ends_on !== s.starts_on
      ? `${s.starts_on} – ${s.ends_on}`
      : s.starts_on
    : '—';

export interface SessionRow extends SessionView {
  invited?: number;
  applied?: number;
}

/** The provider's sessions. */
export function MySessionsView({ slug, sessions }: { slug: string; sessions: SessionRow[] }) {
  const { t } = useT();
  return (
    <section class="card">
      <h1>{t('programA.sessions.mine.title')}</h1>
      <p>{t('programA.sessions.mine.intro')}</p>
      <p>
        <a class="button" href={sessionPaths.request(slug)}>
          {t('programA.sessions.mine.request')}
        </a>
      </p>
      <Table
        caption={t('programA.sessions.mine.title')}
        rows={sessions}
        empty={
          <EmptyState title={t('programA.sessions.mine.title')} next={t('programA.sessions.mine.empty')} />
        }
        columns={[
          {
            label: t('programA.sessions.columns.session'),
            cell: (s) => <a href={sessionPaths.session(slug, s.public_id)}>{s.title}</a>,
          },
          { label: t('programA.sessions.columns.council'), cell: (s) => s.council_name },
          { label: t('programA.sessions.columns.badge'), cell: (s) => s.mc_title },
          { label: t('programA.sessions.columns.dates'), cell: (s) => datesOf(s) },
          { label: t('programA.sessions.columns.status'), cell: (s) => <SessionStatus status={s.status} /> },
          {
            label: t('programA.sessions.columns.invitations'),
            cell: (s) =>
              s.status === 'approved'
                ? t('programA.sessions.roster.counts', { sent: s.invited ?? 0, applied: s.applied ?? 0 })
                : '—',
          },
        ]}
      />
    </section>
  );
}

/** The council's pre-approval queue. */
export function QueueView({
  slug,
  which,
  sessions,
}: {
  slug: string;
  which: 'open' | 'all';
  sessions: SessionView[];
}) {
  const { t, date } = useT();
  return (
    <section class="card">
      <h1>{t('programA.sessions.queue.title')}</h1>
      <p>{t('programA.sessions.queue.intro')}</p>
      <nav class="tabs" aria-label={t('programA.sessions.queue.title')}>
        <a href={sessionPaths.queue(slug)} aria-current={which === 'open' ? 'page' : undefined}>
          {t('programA.sessions.queue.open')}
        </a>{' '}
        <a href={`${sessionPaths.queue(slug)}?show=all`} aria-current={which === 'all' ? 'page' : undefined}>
          {t('programA.sessions.queue.all')}
        </a>
      </nav>
      <Table
        caption={t('programA.sessions.queue.title')}
        rows={sessions}
        empty={
          <EmptyState
            title={t('programA.sessions.queue.title')}
            next={t(which === 'open' ? 'programA.sessions.queue.empty' : 'programA.sessions.queue.emptyAll')}
          />
        }
        columns={[
          {
            label: t('programA.sessions.columns.session'),
            cell: (s) => <a href={sessionPaths.session(slug, s.public_id)}>{s.title}</a>,
          },
          { label: t('programA.sessions.columns.provider'), cell: (s) => s.provider_name || '—' },
          { label: t('programA.sessions.columns.badge'), cell: (s) => s.mc_title },
          { label: t('programA.sessions.columns.dates'), cell: (s) => datesOf(s) },
          {
            label: t('programA.sessions.columns.hours'),
            cell: (s) => (s.hours === null ? '—' : String(s.hours)),
          },
          { label: t('programA.sessions.columns.requested'), cell: (s) => date(s.created_at) },
          { label: t('programA.sessions.columns.status'), cell: (s) => <SessionStatus status={s.status} /> },
        ]}
      />
    </section>
  );
}

export interface RequestModel {
  slug: string;
  options: Array<[string, string]>;
  form: FormState;
  csrfToken: string;
}

/** The provider's request for pre-approval. */
export function RequestView(m: RequestModel) {
  const { t } = useT();
  const { form } = m;
  return (
    <section class="card">
      <p class="muted">
        <a href={sessionPaths.mine(m.slug)}>{t('programA.sessions.page.backMine')}</a>
      </p>
      <h1>{t('programA.sessions.request.title')}</h1>
      <p>{t('programA.sessions.request.intro')}</p>
      {m.options.length === 0 && <p class="flash info">{t('programA.sessions.request.none')}</p>}
      <ErrorSummary form={form} />
      <form method="post" action={sessionPaths.request(m.slug)} class="stack" novalidate>
        <CsrfField token={m.csrfToken} />
        <SelectField
          form={form}
          name="microCredential"
          label={t('programA.sessions.request.microCredential')}
          hint={t('programA.sessions.request.microCredentialHint')}
          options={[['', t('programA.sessions.request.choose')], ...m.options]}
        />
        <Field form={form} name="title" label={t('programA.sessions.request.sessionTitle')} />
        <Field
          form={form}
          name="startsOn"
          label={t('programA.sessions.request.startsOn')}
          hint={t('programA.sessions.request.dateHint')}
        />
        <Field
          form={form}
          name="endsOn"
          label={t('programA.sessions.request.endsOn')}
          hint={t('programA.sessions.request.dateHint')}
        />
        <Field form={form} name="hours" label={t('programA.sessions.request.hours')} />
        <Field form={form} name="presenter" label={t('programA.sessions.request.presenter')} />
        <TextArea
          form={form}
          name="description"
          label={t('programA.sessions.request.description')}
          hint={t('programA.sessions.request.descriptionHint')}
          rows={6}
        />
        <p>
          <button type="submit">{t('programA.sessions.request.submit')}</button>
        </p>
      </form>
    </section>
  );
}
