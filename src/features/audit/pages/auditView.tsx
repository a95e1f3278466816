import type { AuditViewRow } from '../queries.ts';
import { ErrorSummary, Field, SelectField, TableHead, type FormState } from '../../../web/forms.tsx';
import { orgPath } from '../../accounts/index.ts';
import { useT } from '../../../web/i18n/context.ts';
import { CATALOGUES, type MessageKey, type Translator } from '../../../web/i18n/i18n.ts';

const ACTIONS: Record<string, Record<string, string>> = CATALOGUES.en.audit.actions;
const SUBJECTS: Record<string, string> = CATALOGUES.en.audit.subjects;

/** An action in the reader's words when the catalogue has it; its code otherwise (the code is shown beside it too). */
export function actionWords(t: Translator['t'], action: string): string {
  const [noun = '', verb = '', ...more] = action.split('.');
  const known = more.length === 0 && Object.hasOwn(ACTIONS, noun) && Object.hasOwn(ACTIONS[noun]!, verb);
  return known ? t(`audit.actions.${noun}.${verb}` as MessageKey) : action;
}

/** A subject's kind in the reader's words when the catalogue has it. */
function subjectWords(t: Translator['t'], type: string): string {
  return Object.hasOwn(SUBJECTS, type) ? t(`audit.subjects.${type}` as MessageKey) : type;
}

export function FilterForm({ slug, actions, form }: { slug: string; actions: string[]; form: FormState }) {
  const { t } = useT();
  return (
    <form method="get" action={orgPath(slug, 'audit')} class="card stack" novalidate>
      <ErrorSummary form={form} />
      <SelectField
        form={form}
        name="action"
        label={t('audit.filters.action')}
        options={[
          ['', t('audit.filters.anyAction')],
          ...actions.map((a): [string, string] => [a, actionWords(t, a)]),
        ]}
      />
      <Field form={form} name="actor" type="email" label={t('audit.filters.actor')} />
      <Field
        form={form}
        name="subject"
        label={t('audit.filters.subject')}
        hint={t('audit.filters.subjectHint')}
      />
      <Field form={form} name="from" label={t('audit.filters.from')} />
      <Field form={form} name="to" label={t('audit.filters.to')} />
      <button type="submit">{t('audit.filters.submit')}</button>
    </form>
  );
}

export function AuditTable({ events }: { events: AuditViewRow[] }) {
  const { t, date } = useT();
  if (events.length === 0) return <p>{t('audit.none')}</p>;
  const c = CATALOGUES.en.audit.columns;
  const columns = (Object.keys(c) as Array<keyof typeof c>).map((k) => t(`audit.columns.${k}`));
  return (
    <table>
      <TableHead columns={columns} />
      <tbody>
        {events.map((e) => (
          <tr>
            <td>{date(e.created_at, { withTime: true })}</td>
            <td>
              {e.actor_name
                ? `${e.actor_name}${e.actor_email ? ` <${e.actor_email}>` : ''}`
                : t('audit.system')}
            </td>
            <td>
              {actionWords(t, e.action)} <code>{e.action}</code>
            </td>
            <td>
              {subjectWords(t, e.subject_type)}
              {e.subject_id && (
                <>
                  {' '}
                  <code>{e.subject_id}</code>
                </>
              )}
            </td>
            <td>{e.ip ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the audit log page shows: a plain view model from `loadAuditLog`. */
export interface AuditLogModel {
  organisation: { name: string; slug: string };
  actions: string[];
  form: FormState;
  /** Undefined when the filters need attention (the page shows only the form). */
  events?: AuditViewRow[];
  /** The filters as a query string, for links that keep them. */
  filters: URLSearchParams;
  paged: boolean;
  older: URLSearchParams | null;
}

export function AuditLogView({ model }: { model: AuditLogModel }) {
  const { t } = useT();
  const { organisation, actions, events, filters, paged, older } = model;
  // The loader cannot speak the reader's language: a failed filter gets its summary here.
  const form = events ? model.form : { ...model.form, message: t('audit.filters.invalid') };
  return (
    <>
      <h1>{t('audit.heading')}</h1>
      <FilterForm slug={organisation.slug} actions={actions} form={form} />
      {events && (
        <>
          <p>
            <a href={orgPath(organisation.slug, 'audit.csv', filters)}>{t('audit.csv')}</a>
            {paged && (
              <>
                {' · '}
                <a href={orgPath(organisation.slug, 'audit', filters)}>{t('audit.newest')}</a>
              </>
            )}
          </p>
          <AuditTable events={events} />
          {older && (
            <p>
              <a href={orgPath(organisation.slug, 'audit', older)}>{t('audit.older')}</a>
            </p>
          )}
        </>
      )}
    </>
  );
}
