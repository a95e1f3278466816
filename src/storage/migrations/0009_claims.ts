import { sql, type Kysely } from 'kysely';

/**
 * Claiming issued badges: one claim per credential sent to an email address. The emailed link
 * carries a secret whose hash is `token_hash`; a reminder carries a second one
 * (`reminder_token_hash`), so the first email's link keeps working after the reminder.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table credential_claims (
      credential_id bigint primary key references credentials(id) on delete cascade,
      token_hash text not null unique,
      expires_at timestamptz not null,
      state text not null check (state in ('pending', 'accepted', 'declined')),
      user_id bigint references users(id) on delete set null,
      decided_at timestamptz,
      reminded_at timestamptz,
      created_at timestamptz not null default now(),
      reminder_token_hash text unique
    )`,
    // The reminder sweep: pending claims by age.
    sql`create index credential_claims_sweep on credential_claims (state, created_at)`,
    sql`create index credential_claims_user on credential_claims (user_id) where user_id is not null`,
  ];
  for (const statement of statements) await statement.execute(db);
}
