import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from './database.ts';

/**
 * What an organisation's export holds, table by table, and how each table is narrowed to that
 * one organisation: directly by its organisation column, or through a parent that is. Every
 * `where` takes the organisation's id and nothing else, so no row of another organisation can
 * match.
 */
export interface OrganisationPart {
  file: string;
  table: string;
  what: string;
  where: (org: number) => RawBuilder<boolean>;
  /** The columns rows are paged by (default: id). */
  key?: string[];
}

const own = (column: string) => (org: number) => sql<boolean>`${sql.ref(`t.${column}`)} = ${org}`;
const through =
  (column: string, parent: string, parentColumn = 'organisation_id') =>
  (org: number) =>
    sql<boolean>`${sql.ref(`t.${column}`)} in (select id from ${sql.table(parent)} where ${sql.ref(parentColumn)} = ${org})`;
const programs = (org: number) => sql`(select id from recognition_programs where organisation_id = ${org})`;

export const ORGANISATION_PARTS: OrganisationPart[] = [
  { file: 'members', table: 'memberships', what: 'members and their roles', where: own('organisation_id') },
  { file: 'invitations', table: 'invitations', what: 'invitations sent', where: own('organisation_id') },
  {
    file: 'micro-credentials',
    table: 'micro_credentials',
    what: 'micro-credential designs',
    where: own('organisation_id'),
  },
  {
    file: 'micro-credential-versions',
    table: 'micro_credential_versions',
    what: 'every version of every design',
    where: through('micro_credential_id', 'micro_credentials'),
  },
  {
    file: 'badge-images',
    table: 'badge_images',
    what: 'badge images (PNG as hex, SVG as text)',
    where: own('organisation_id'),
  },
  { file: 'stacks', table: 'stacks', what: 'stacks', where: own('organisation_id') },
  { file: 'pathways', table: 'pathways', what: 'pathways', where: own('organisation_id') },
  {
    file: 'issuer-keys',
    table: 'issuer_keys',
    what: 'signing keys (public parts only)',
    where: own('organisation_id'),
  },
  { file: 'status-lists', table: 'status_lists', what: 'status lists', where: own('organisation_id') },
  {
    file: 'credentials',
    table: 'credentials',
    what: 'credentials issued (signed documents exactly as issued)',
    where: own('organisation_id'),
  },
  {
    file: 'credential-status-events',
    table: 'credential_status_events',
    what: 'revocations, suspensions and reinstatements',
    where: through('credential_id', 'credentials'),
  },
  {
    file: 'applications',
    table: 'applications',
    what: 'applications to its micro-credentials',
    where: own('organisation_id'),
  },
  {
    file: 'attempts',
    table: 'attempts',
    what: 'submissions and their reviews',
    where: through('application_id', 'applications'),
  },
  { file: 'payments', table: 'payments', what: 'invoices and payments', where: own('organisation_id') },
  { file: 'award-runs', table: 'award_runs', what: 'bulk award runs', where: own('organisation_id') },
  {
    file: 'award-rows',
    table: 'award_rows',
    what: 'the rows of bulk award runs',
    where: through('run_id', 'award_runs'),
    key: ['run_id', 'row_number'],
  },
  {
    file: 'recognition-programs',
    table: 'recognition_programs',
    what: 'recognition programs (webhook secrets left out)',
    where: own('organisation_id'),
  },
  {
    file: 'program-submissions',
    table: 'program_submissions',
    what: 'submissions it made, and submissions to its programs',
    where: (org) => sql<boolean>`(t.issuer_organisation_id = ${org} or t.program_id in ${programs(org)})`,
  },
  {
    file: 'endorsements',
    table: 'endorsements',
    what: 'endorsements it signed',
    where: own('organisation_id'),
  },
  {
    file: 'license-records',
    table: 'license_records',
    what: 'licenses linked to its programs',
    where: (org) => sql<boolean>`t.program_id in ${programs(org)}`,
  },
  {
    file: 'completion-notices',
    table: 'completion_notices',
    what: 'completion notices to its programs',
    where: (org) => sql<boolean>`t.program_id in ${programs(org)}`,
  },
  {
    file: 'credit-ledger',
    table: 'credit_entries',
    what: 'credit ledger entries of its programs',
    where: (org) => sql<boolean>`t.program_id in ${programs(org)}`,
  },
  { file: 'audit-log', table: 'audit_events', what: 'its audit log', where: own('organisation_id') },
];

/** Columns never exported: secrets and what only proves one (hashes of bearer tokens, sealed keys). */
const SECRET = /token_hash|secret|private_key|password/;

/** A page of a part's rows after the last one read (by its key), as plain objects (secrets removed). */
export async function organisationRows(
  db: Queryable,
  part: OrganisationPart,
  org: number,
  after: unknown[] | null,
  limit: number,
): Promise<{ rows: Array<Record<string, unknown>>; last: unknown[] | null }> {
  const key = part.key ?? ['id'];
  const columns = sql.join(key.map((k) => sql.ref(`t.${k}`)));
  const page = after ? sql`and (${columns}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
  const { rows } = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(t) as row from ${sql.table(part.table)} t where ${part.where(org)} ${page} order by ${columns} limit ${limit}`.execute(
    db,
  );
  const last = rows.length ? key.map((k) => rows[rows.length - 1]!.row[k]) : null;
  return {
    rows: rows.map(({ row }) => Object.fromEntries(Object.entries(row).filter(([k]) => !SECRET.test(k)))),
    last,
  };
}
