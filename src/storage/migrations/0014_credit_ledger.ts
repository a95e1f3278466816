import { sql, type Kysely } from 'kysely';

/**
 * The license record and the credit ledger (issue 7, second half): earners' license numbers
 * linked to a recognition program, completion notices a recognizer receives when a recognized
 * credential is issued, and the append-only credit ledger (a trigger refuses UPDATE and DELETE).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table license_records (
      id bigserial primary key,
      public_id text not null unique,
      program_id bigint not null references recognition_programs(id),
      user_id bigint not null references users(id),
      license_number text not null,
      state text not null check (state in ('pending', 'confirmed', 'rejected')),
      confirmed_by bigint references users(id) on delete set null,
      decided_at timestamptz,
      note text,
      cycle_start date not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (program_id, user_id)
    )`,
    sql`create index license_records_program on license_records (program_id, state)`,
    sql`create table completion_notices (
      id bigserial primary key,
      public_id text not null unique,
      program_id bigint not null references recognition_programs(id),
      credential_id bigint not null references credentials(id),
      submission_id bigint references program_submissions(id) on delete set null,
      license_record_id bigint references license_records(id),
      state text not null default 'new' check (state in ('new', 'posted', 'dismissed')),
      document text not null,
      hours_granted numeric(8,2),
      created_at timestamptz not null,
      read_at timestamptz,
      decided_at timestamptz,
      decided_by bigint references users(id) on delete set null,
      dismiss_reason text,
      digest_sent_at timestamptz,
      webhook_state text not null default 'none' check (webhook_state in ('none', 'pending', 'delivered', 'failed')),
      webhook_attempts integer not null default 0,
      webhook_last_error text,
      webhook_delivered_at timestamptz,
      unique (program_id, credential_id)
    )`,
    sql`create index completion_notices_program on completion_notices (program_id, state, id)`,
    sql`create index completion_notices_credential on completion_notices (credential_id)`,
    sql`create table credit_entries (
      id bigserial primary key,
      public_id text not null unique,
      license_record_id bigint not null references license_records(id),
      program_id bigint not null references recognition_programs(id),
      credential_id bigint not null references credentials(id),
      notice_id bigint references completion_notices(id),
      hours numeric(8,2) not null,
      cycle_start date not null,
      kind text not null check (kind in ('credit', 'reversal')),
      reverses_entry_id bigint unique references credit_entries(id),
      posted_by_user_id bigint references users(id),
      reason text not null default '',
      created_at timestamptz not null,
      check ((kind = 'reversal') = (reverses_entry_id is not null)),
      check (kind = 'reversal' or hours >= 0)
    )`,
    // One credit per credential on a license; a reversal may follow it, never an edit.
    sql`create unique index credit_entries_one_credit on credit_entries (license_record_id, credential_id) where kind = 'credit'`,
    sql`create index credit_entries_license on credit_entries (license_record_id, cycle_start)`,
    sql`create function credit_entries_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'credit_entries is append-only: post a reversal entry instead of changing or deleting entry %', old.id;
      end
    $$`,
    sql`create trigger credit_entries_append_only before update or delete on credit_entries
      for each row execute function credit_entries_append_only()`,
  ];
  for (const statement of statements) await statement.execute(db);
}
