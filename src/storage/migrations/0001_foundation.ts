import { sql, type Kysely } from 'kysely';

/** Accounts, organisations, sessions, audit log, job queue and mail outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table users (
      id bigserial primary key,
      public_id text not null unique,
      name text not null,
      password_hash text not null,
      is_platform_admin boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create table user_emails (
      id bigserial primary key,
      user_id bigint not null references users(id) on delete cascade,
      email text not null check (email = lower(email)),
      is_primary boolean not null default false,
      confirmed_at timestamptz,
      created_at timestamptz not null default now(),
      unique (user_id, email)
    )`,
    // An address belongs to one account once confirmed; unconfirmed claims do not block its owner.
    sql`create unique index user_emails_confirmed_email on user_emails (email) where confirmed_at is not null`,
    sql`create unique index user_emails_one_primary on user_emails (user_id) where is_primary`,
    sql`create table account_tokens (
      id bigserial primary key,
      token_hash text not null unique,
      purpose text not null check (purpose in ('confirm_email', 'reset_password')),
      user_id bigint not null references users(id) on delete cascade,
      email_id bigint references user_emails(id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    sql`create table organisations (
      id bigserial primary key,
      public_id text not null unique,
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name text not null,
      kind text not null check (kind in ('issuer', 'recognizer', 'both')),
      description text not null default '',
      website text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create table memberships (
      id bigserial primary key,
      organisation_id bigint not null references organisations(id) on delete cascade,
      user_id bigint not null references users(id) on delete cascade,
      roles text[] not null check (cardinality(roles) > 0),
      created_at timestamptz not null default now(),
      unique (organisation_id, user_id)
    )`,
    sql`create index memberships_user on memberships (user_id)`,
    sql`create table invitations (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      email text not null check (email = lower(email)),
      roles text[] not null check (cardinality(roles) > 0),
      token_hash text not null unique,
      invited_by bigint references users(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by bigint references users(id) on delete set null,
      revoked_at timestamptz
    )`,
    sql`create index invitations_org on invitations (organisation_id, created_at desc)`,
    sql`create table sessions (
      id bigserial primary key,
      token_hash text not null unique,
      user_id bigint not null references users(id) on delete cascade,
      active_organisation_id bigint references organisations(id) on delete set null,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`,
    sql`create index sessions_user on sessions (user_id)`,
    sql`create index sessions_expiry on sessions (expires_at)`,
    sql`create table login_failures (
      id bigserial primary key,
      key text not null,
      failed_at timestamptz not null
    )`,
    sql`create index login_failures_key on login_failures (key, failed_at)`,
    sql`create table audit_events (
      id bigserial primary key,
      organisation_id bigint references organisations(id) on delete cascade,
      actor_user_id bigint references users(id) on delete set null,
      action text not null,
      subject_type text not null,
      subject_id text,
      data jsonb not null default '{}'::jsonb,
      ip text,
      created_at timestamptz not null default now()
    )`,
    sql`create index audit_events_org on audit_events (organisation_id, id desc)`,
    sql`create index audit_events_actor on audit_events (actor_user_id, id desc)`,
    sql`create table jobs (
      id bigserial primary key,
      type text not null,
      payload jsonb not null default '{}'::jsonb,
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'dead')),
      attempts integer not null default 0,
      max_attempts integer not null default 8 check (max_attempts > 0),
      run_at timestamptz not null default now(),
      locked_by text,
      locked_until timestamptz,
      last_error text,
      idempotency_key text unique,
      organisation_id bigint references organisations(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    )`,
    sql`create index jobs_due on jobs (run_at) where status = 'queued'`,
    sql`create index jobs_leased on jobs (locked_until) where status = 'running'`,
    sql`create index jobs_status on jobs (status, id desc)`,
    sql`create table job_runs (
      id bigserial primary key,
      job_id bigint not null references jobs(id) on delete cascade,
      attempt integer not null,
      worker text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      outcome text check (outcome in ('succeeded', 'failed')),
      error text
    )`,
    sql`create index job_runs_job on job_runs (job_id)`,
    sql`create table job_schedules (
      name text primary key,
      job_type text not null,
      every_seconds integer not null check (every_seconds > 0),
      next_run_at timestamptz not null,
      last_enqueued_at timestamptz
    )`,
    sql`create table mail_outbox (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint references organisations(id) on delete set null,
      template text not null,
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text not null,
      status text not null default 'queued' check (status in ('queued', 'sent', 'kept')),
      message_id text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`,
    sql`create index mail_outbox_recent on mail_outbox (id desc)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
