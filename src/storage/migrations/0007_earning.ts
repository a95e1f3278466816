import { sql, type Kysely } from 'kysely';

/** Applications, evidence, attempts and peer reviews: the earning loop. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table applications (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      micro_credential_id bigint not null references micro_credentials(id) on delete cascade,
      version_id bigint not null references micro_credential_versions(id),
      earner_user_id bigint not null references users(id) on delete cascade,
      status text not null check (status in ('in_progress', 'submitted', 'in_review', 'needs_revision', 'passed', 'expired', 'withdrawn')),
      deadline_at timestamptz not null,
      attempts integer not null default 0,
      reminded_days integer[] not null default '{}',
      credential_id bigint references credentials(id) on delete set null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      passed_at timestamptz
    )`,
    sql`create unique index applications_one_open on applications (earner_user_id, micro_credential_id) where status not in ('passed', 'expired', 'withdrawn')`,
    sql`create index applications_org on applications (organisation_id, status)`,
    sql`create table evidence_items (
      application_id bigint not null references applications(id) on delete cascade,
      part_index integer not null,
      kind text not null check (kind in ('text', 'file', 'link')),
      text_value text,
      link_url text,
      updated_at timestamptz not null,
      primary key (application_id, part_index)
    )`,
    sql`create table evidence_files (
      id bigserial primary key,
      public_id text not null unique,
      application_id bigint not null references applications(id) on delete cascade,
      filename text not null,
      content_type text not null,
      size integer not null,
      sha256 text not null,
      bytes bytea not null,
      created_at timestamptz not null
    )`,
    sql`alter table evidence_items add column file_id bigint references evidence_files(id) on delete set null`,
    sql`create table attempts (
      id bigserial primary key,
      public_id text not null unique,
      application_id bigint not null references applications(id) on delete cascade,
      number integer not null,
      evidence jsonb not null,
      submitted_at timestamptz not null,
      reviewer_user_id bigint references users(id) on delete set null,
      assigned_at timestamptz,
      decision text check (decision in ('passed', 'needs_revision')),
      scores jsonb,
      feedback jsonb,
      overall_feedback text,
      reviewed_at timestamptz,
      unique (application_id, number)
    )`,
    sql`create index attempts_reviewer on attempts (reviewer_user_id) where decision is null`,
  ];
  for (const statement of statements) await statement.execute(db);
}
