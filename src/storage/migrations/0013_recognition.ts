import { sql, type Kysely } from 'kysely';

/**
 * Recognition (issue 7): recognizer organisations' programs, issuers' submissions of a
 * micro-credential version (or a pathway / stack) for approval, the review thread, and the
 * OB 3.0 EndorsementCredentials a recognizer issues for an approved submission.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table recognition_programs (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      name text not null,
      license_name text not null,
      description text not null default '',
      cycle_years integer not null check (cycle_years between 1 and 20),
      hours_required numeric(8,2) not null check (hours_required >= 0),
      unit_rule text not null check (unit_rule in ('fixed', 'credit_hours')),
      fixed_hours numeric(8,2) check (fixed_hours is null or fixed_hours >= 0),
      cap_hours_per_cycle numeric(8,2) check (cap_hours_per_cycle is null or cap_hours_per_cycle >= 0),
      posting text not null default 'automatic' check (posting in ('automatic', 'review')),
      digest_email boolean not null default false,
      webhook_url text,
      webhook_secret_enc text,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (unit_rule <> 'fixed' or fixed_hours is not null)
    )`,
    sql`create index recognition_programs_org on recognition_programs (organisation_id)`,
    sql`create table program_submissions (
      id bigserial primary key,
      public_id text not null unique,
      program_id bigint not null references recognition_programs(id) on delete cascade,
      issuer_organisation_id bigint not null references organisations(id) on delete cascade,
      micro_credential_id bigint references micro_credentials(id) on delete cascade,
      micro_credential_version integer,
      pathway_id bigint references pathways(id) on delete cascade,
      stack_id bigint references stacks(id) on delete cascade,
      statement text not null,
      status text not null check (status in ('submitted', 'changes_requested', 'approved', 'rejected', 'withdrawn', 'superseded')),
      hours_granted numeric(8,2) check (hours_granted is null or hours_granted >= 0),
      ends_on date,
      decided_by bigint references users(id) on delete set null,
      decided_at timestamptz,
      previous_submission_id bigint references program_submissions(id) on delete set null,
      created_by bigint references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (num_nonnulls(micro_credential_id, pathway_id, stack_id) = 1),
      check ((micro_credential_id is null) = (micro_credential_version is null))
    )`,
    sql`create index program_submissions_program on program_submissions (program_id, status)`,
    sql`create index program_submissions_issuer on program_submissions (issuer_organisation_id, status)`,
    sql`create index program_submissions_mc on program_submissions (micro_credential_id, micro_credential_version) where micro_credential_id is not null`,
    sql`create index program_submissions_pathway on program_submissions (pathway_id) where pathway_id is not null`,
    // At most one open submission per (program, micro-credential version) / pathway / stack.
    sql`create unique index program_submissions_one_open_mc on program_submissions (program_id, micro_credential_id, micro_credential_version)
      where micro_credential_id is not null and status in ('submitted', 'changes_requested')`,
    sql`create unique index program_submissions_one_open_pathway on program_submissions (program_id, pathway_id)
      where pathway_id is not null and status in ('submitted', 'changes_requested')`,
    sql`create unique index program_submissions_one_open_stack on program_submissions (program_id, stack_id)
      where stack_id is not null and status in ('submitted', 'changes_requested')`,
    sql`create table submission_messages (
      id bigserial primary key,
      submission_id bigint not null references program_submissions(id) on delete cascade,
      author_user_id bigint references users(id) on delete set null,
      author_side text not null check (author_side in ('issuer', 'recognizer')),
      kind text not null check (kind in ('comment', 'changes_requested', 'approved', 'rejected', 'submitted', 'resubmitted', 'withdrawn', 'endorsed')),
      body text not null,
      created_at timestamptz not null default now()
    )`,
    sql`create index submission_messages_submission on submission_messages (submission_id, id)`,
    // OB 3.0 EndorsementCredentials signed by the recognizer for an approved submission (document stored as text).
    sql`create table endorsements (
      id bigserial primary key,
      public_id text not null unique,
      submission_id bigint not null references program_submissions(id) on delete cascade,
      organisation_id bigint not null references organisations(id) on delete cascade,
      document text not null,
      sha256 text not null,
      revoked_at timestamptz,
      created_by bigint references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`,
    sql`create index endorsements_submission on endorsements (submission_id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
