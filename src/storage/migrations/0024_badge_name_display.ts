import { sql, type Kysely } from 'kysely';

/**
 * Whether a badge's public page says whose it is ("Issued to <name>"): the earner chooses per
 * badge in the backpack. Default: the name is shown, as Credly and Badgr do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credential_privacy add column show_name boolean not null default true`.execute(db);
}
