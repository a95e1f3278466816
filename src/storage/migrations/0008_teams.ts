import { sql, type Kysely } from 'kysely';

/** Teams / learning communities of earners working on the same micro-credentials. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table teams (
      id bigserial primary key,
      public_id text not null unique,
      name text not null,
      created_by bigint references users(id) on delete set null,
      created_at timestamptz not null
    )`,
    sql`create table team_members (
      team_id bigint not null references teams(id) on delete cascade,
      user_id bigint not null references users(id) on delete cascade,
      joined_at timestamptz not null,
      primary key (team_id, user_id)
    )`,
    sql`create index team_members_user on team_members (user_id)`,
    sql`create table team_micro_credentials (
      team_id bigint not null references teams(id) on delete cascade,
      micro_credential_id bigint not null references micro_credentials(id) on delete cascade,
      primary key (team_id, micro_credential_id)
    )`,
    // A micro-credential's reviewer pool (empty = every reviewer of the organisation).
    sql`create table micro_credential_reviewers (
      micro_credential_id bigint not null references micro_credentials(id) on delete cascade,
      user_id bigint not null references users(id) on delete cascade,
      primary key (micro_credential_id, user_id)
    )`,
    // Calibration: a second, independent review of a reviewed attempt; it never changes the outcome.
    sql`create table second_reviews (
      id bigserial primary key,
      public_id text not null unique,
      attempt_id bigint not null references attempts(id) on delete cascade,
      reviewer_user_id bigint not null references users(id) on delete cascade,
      requested_by bigint references users(id) on delete set null,
      requested_at timestamptz not null,
      scores jsonb,
      decision text check (decision in ('passed', 'needs_revision')),
      reviewed_at timestamptz
    )`,
    sql`create table team_invitations (
      id bigserial primary key,
      team_id bigint not null references teams(id) on delete cascade,
      email text not null,
      token_hash text not null unique,
      invited_by bigint references users(id) on delete set null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      accepted_at timestamptz
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}
