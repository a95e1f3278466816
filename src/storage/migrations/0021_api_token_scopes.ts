import { sql, type Kysely } from 'kysely';

/**
 * Organisation API tokens gain scopes (what each token may do). Tokens made before scopes existed
 * keep working: they get every scope there was when this shipped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table api_tokens add column scopes text[] not null default '{}'`.execute(db);
  await sql`update api_tokens set scopes = array['credentials:read', 'credentials:issue', 'credentials:status', 'awards:run', 'audit:read', 'webhooks:manage']`.execute(
    db,
  );
}
