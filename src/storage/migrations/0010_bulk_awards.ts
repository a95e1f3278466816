import { sql, type Kysely } from 'kysely';

/**
 * Bulk awards from a CSV roster: a run (the uploaded file, its column mapping and counts), its
 * rows (cells as uploaded, the mapped values, a per-row state), and award keys, which make
 * issuing idempotent in the database itself: one credential per micro-credential version,
 * recipient email and optional external id, however often the same row is issued.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table award_runs (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      micro_credential_id bigint not null references micro_credentials(id) on delete cascade,
      micro_credential_version integer not null,
      file_name text not null,
      header jsonb not null,
      mapping jsonb,
      state text not null check (state in ('uploaded', 'checking', 'dry_run', 'queued', 'running', 'done', 'failed')),
      total_rows integer not null default 0,
      valid_rows integer not null default 0,
      invalid_rows integer not null default 0,
      duplicate_rows integer not null default 0,
      already_issued_rows integer not null default 0,
      issued_rows integer not null default 0,
      skipped_rows integer not null default 0,
      error text,
      created_by bigint references users(id) on delete set null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz
    )`,
    sql`create index award_runs_org on award_runs (organisation_id, id)`,
    sql`create table award_rows (
      run_id bigint not null references award_runs(id) on delete cascade,
      row_number integer not null,
      cells jsonb not null,
      email text,
      name text,
      external_id text,
      credits double precision,
      issued_on text,
      evidence_url text,
      narrative text,
      state text not null check (state in ('unchecked', 'pending', 'invalid', 'duplicate', 'already_issued', 'issued', 'skipped')),
      error text,
      credential_id bigint references credentials(id) on delete set null,
      primary key (run_id, row_number)
    )`,
    // The issuing job takes pending rows of a run in order.
    sql`create index award_rows_pending on award_rows (run_id, row_number) where state = 'pending'`,
    sql`create table award_keys (
      organisation_id bigint not null references organisations(id) on delete cascade,
      micro_credential_id bigint not null references micro_credentials(id) on delete cascade,
      micro_credential_version integer not null,
      recipient_email text not null check (recipient_email = lower(recipient_email)),
      external_id text not null default '',
      credential_id bigint not null references credentials(id) on delete cascade,
      created_at timestamptz not null,
      primary key (organisation_id, micro_credential_id, micro_credential_version, recipient_email, external_id)
    )`,
    sql`create index award_keys_credential on award_keys (credential_id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
