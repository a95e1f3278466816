import type { AuditViewRow } from '../queries.ts';
import { ErrorSummary, Field, SelectField, TableHead, type FormState } from '../../../web/forms.tsx';
import { orgPath } from '../../accounts/index.ts';

const WORDS: Record<string, string> = {
  micro_credential: 'micro-credential',
  api_token: 'API token',
  award_run: 'bulk award',
  program_submission: 'recognition submission',
  user: 'account',
};

/** An action in plain words: `micro_credential.published` → "Micro-credential published". */
export function describeAction(action: string): string {
  const [noun = '', ...rest] = action.split('.');
  const words = [WORDS[noun] ?? noun.replace(/_/g, ' '), ...rest.map((r) => r.replace(/_/g, ' '))]
    .join(' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

export function FilterForm({ slug, actions, form }: { slug: string; actions: string[]; form: FormState }) {
  return (
    <form method="get" action={orgPath(slug, 'audit')} class="card stack" novalidate>
      <ErrorSummary form={form} />
      <SelectField
        form={form}
        name="action"
        label="Action"
        options={[['', 'Any action'], ...actions.map((a): [string, string] => [a, describeAction(a)])]}
      />
      <Field form={form} name="actor" type="email" label="Who (email address)" />
      <Field
        form={form}
        name="subject"
        label="Subject"
        hint="An id such as mc_… or usr_…, or a kind such as micro_credential."
      />
      <Field form={form} name="from" label="From (YYYY-MM-DD, UTC)" />
      <Field form={form} name="to" label="To (YYYY-MM-DD, UTC, inclusive)" />
      <button type="submit">Show events</button>
    </form>
  );
}

export function AuditTable({ events }: { events: AuditViewRow[] }) {
  if (events.length === 0) return <p>No events match.</p>;
  return (
    <table>
      <TableHead columns={['When (UTC)', 'Who', 'What', 'Subject', 'IP address']} />
      <tbody>
        {events.map((e) => (
          <tr>
            <td>{when(e.created_at)}</td>
            <td>
              {e.actor_name ? `${e.actor_name}${e.actor_email ? ` <${e.actor_email}>` : ''}` : 'System'}
            </td>
            <td>
              {describeAction(e.action)} <code>{e.action}</code>
            </td>
            <td>
              {e.subject_type.replace(/_/g, ' ')}
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
  const { organisation, actions, form, events, filters, paged, older } = model;
  return (
    <>
      <h1>Audit log</h1>
      <FilterForm slug={organisation.slug} actions={actions} form={form} />
      {events && (
        <>
          <p>
            <a href={orgPath(organisation.slug, 'audit.csv', filters)}>Download these events as CSV</a>
            {paged && (
              <>
                {' · '}
                <a href={orgPath(organisation.slug, 'audit', filters)}>Newest events</a>
              </>
            )}
          </p>
          <AuditTable events={events} />
          {older && (
            <p>
              <a href={orgPath(organisation.slug, 'audit', older)}>Older events</a>
            </p>
          )}
        </>
      )}
    </>
  );
}
