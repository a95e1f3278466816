import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { csvCell } from '../../credit/index.ts';
import { DAY } from '../../../domain/clock.ts';
import { requireMember, type OrganisationAccess } from '../../accounts/index.ts';
import {
  AUDIT_PAGE_MAX,
  eachOrganisationAudit,
  organisationAuditActions,
  searchOrganisationAudit,
  type AuditFilter,
  type AuditViewRow,
} from '../../../storage/audit.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import { organisationCaller } from '../../issuing/index.ts';
import type { AppEnv } from '../../../http/env.ts';
import { ErrorSummary, Field, SelectField, TableHead, type FormState } from '../../../web/forms.tsx';
import { page } from '../../../web/render.tsx';

type C = Context<AppEnv>;

/** Rows on one page of the viewer. */
const PAGE_SIZE = 50;

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31.')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'That is not a date on the calendar.',
  );
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** The query string of the viewer, the CSV and the JSON endpoint (all share it). */
export const auditQuerySchema = z
  .object({
    action: optional(z.string().trim().max(100, 'An action is at most 100 characters.')),
    actor: optional(z.string().trim().max(320, 'An email address is at most 320 characters.')),
    subject: optional(z.string().trim().max(200, 'A subject is at most 200 characters.')),
    from: optional(day),
    to: optional(day),
    before: optional(
      z.coerce
        .number({ message: 'Use the “Older events” link to page.' })
        .int('Use the “Older events” link to page.')
        .positive('Use the “Older events” link to page.'),
    ),
    limit: optional(
      z.coerce
        .number({ message: `Ask for 1 to ${AUDIT_PAGE_MAX} events.` })
        .int(`Ask for 1 to ${AUDIT_PAGE_MAX} events.`)
        .min(1, `Ask for 1 to ${AUDIT_PAGE_MAX} events.`)
        .max(AUDIT_PAGE_MAX, `Ask for 1 to ${AUDIT_PAGE_MAX} events.`),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The end date is before the start date.',
    path: ['to'],
  });
type AuditQuery = z.output<typeof auditQuerySchema>;

function parseQuery(c: C): AuditQuery {
  return parseInput(auditQuerySchema, c.req.query());
}

function filterOf(q: AuditQuery): AuditFilter {
  return {
    action: q.action,
    actorEmail: q.actor,
    subject: q.subject,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    // "to" is a whole day: everything before the next midnight (UTC).
    until: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY) : undefined,
  };
}

/** The filters as a query string (without paging), for links that keep them. */
function filterQuery(q: Partial<AuditQuery>): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'actor', 'subject', 'from', 'to'] as const) {
    const value = q[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

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

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

function FilterForm({ slug, actions, form }: { slug: string; actions: string[]; form: FormState }) {
  return (
    <form method="get" action={`/orgs/${slug}/audit`} class="card stack" novalidate>
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

function AuditTable({ events }: { events: AuditViewRow[] }) {
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

/** The event as the JSON endpoint shows it (never a row as-is). */
function presentEvent(e: AuditViewRow) {
  return {
    id: e.id,
    at: e.created_at.toISOString(),
    action: e.action,
    description: describeAction(e.action),
    actor: e.actor_name,
    actorEmail: e.actor_email,
    subject: { type: e.subject_type, id: e.subject_id },
    ip: e.ip,
    data: e.data,
  };
}

const CSV_HEADER = [
  'when_utc',
  'actor_name',
  'actor_email',
  'action',
  'description',
  'subject_type',
  'subject_id',
  'ip',
  'data',
];

/** The filtered log as CSV, read and written a batch at a time (never held whole). */
function auditCsvStream(rows: AsyncGenerator<AuditViewRow>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = headerSent ? '' : `${CSV_HEADER.join(',')}\r\n`;
      headerSent = true;
      for (let i = 0; i < 200; i++) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        const e = next.value;
        chunk += `${[when(e.created_at), e.actor_name, e.actor_email, e.action, describeAction(e.action), e.subject_type, e.subject_id, e.ip, JSON.stringify(e.data)].map(csvCell).join(',')}\r\n`;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

/** The audit log for an organisation's owners and administrators: page, CSV export and JSON. */
export function auditRoutes() {
  const r = new Hono<AppEnv>();
  const access = (c: C): Promise<OrganisationAccess> =>
    requireMember(
      c.var.deps.db,
      c.req.param('slug') ?? '',
      requireViewer(c.var.viewer).user_id,
      'audit.read',
    );

  r.get('/orgs/:slug/audit', async (c) => {
    const { organisation } = await access(c);
    const { db } = c.var.deps;
    const actions = await organisationAuditActions(db, organisation.id);
    const raw = c.req.query();
    let query: AuditQuery;
    try {
      query = parseQuery(c);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const form: FormState = { values: raw, errors: error.fields, message: 'Some filters need attention.' };
      return page(
        c,
        `Audit log of ${organisation.name}`,
        <>
          <h1>Audit log</h1>
          <FilterForm slug={organisation.slug} actions={actions} form={form} />
        </>,
        422,
      );
    }
    const events = await searchOrganisationAudit(db, organisation.id, filterOf(query), {
      before: query.before,
      limit: PAGE_SIZE + 1,
    });
    const more = events.length > PAGE_SIZE;
    const shown = events.slice(0, PAGE_SIZE);
    const filters = filterQuery(query);
    const last = shown.at(-1);
    const older = new URLSearchParams(filters);
    if (last) older.set('before', String(last.id));
    return page(
      c,
      `Audit log of ${organisation.name}`,
      <>
        <h1>Audit log</h1>
        <FilterForm slug={organisation.slug} actions={actions} form={{ values: raw, errors: {} }} />
        <p>
          <a href={`/orgs/${organisation.slug}/audit.csv${filters ? `?${filters}` : ''}`}>
            Download these events as CSV
          </a>
          {query.before && (
            <>
              {' · '}
              <a href={`/orgs/${organisation.slug}/audit${filters ? `?${filters}` : ''}`}>Newest events</a>
            </>
          )}
        </p>
        <AuditTable events={shown} />
        {more && (
          <p>
            <a href={`/orgs/${organisation.slug}/audit?${older.toString()}`}>Older events</a>
          </p>
        )}
      </>,
    );
  });

  r.get('/orgs/:slug/audit.csv', async (c) => {
    const { organisation } = await access(c);
    const query = parseQuery(c);
    const rows = eachOrganisationAudit(c.var.deps.db, organisation.id, filterOf(query));
    return c.body(auditCsvStream(rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${organisation.slug}-audit.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  // The JSON API also takes the organisation's API tokens with the audit:read scope.
  r.get('/api/v1/orgs/:slug/audit', async (c) => {
    const { organisation } = await organisationCaller(c, 'audit:read', 'audit.read');
    const query = parseQuery(c);
    const limit = query.limit ?? 100;
    const events = await searchOrganisationAudit(c.var.deps.db, organisation.id, filterOf(query), {
      before: query.before,
      limit: limit + 1,
    });
    const shown = events.slice(0, limit);
    const next = events.length > limit ? shown.at(-1)?.id : undefined;
    return c.json({ events: shown.map(presentEvent), next: next ?? null });
  });
  return r;
}
