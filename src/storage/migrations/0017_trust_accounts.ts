import { sql, type Kysely } from 'kysely';

/**
 * Collection share links are secrets like every other link: only their SHA-256 is kept (the same
 * hash as `hashToken`, so links handed out before this migration keep working), with the time the
 * link was made. `instance_settings` keeps what every process on one database must agree on:
 * the public URL that Cairn's did:web identifiers and status-list addresses are made from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`alter table collections add column share_token_hash text unique`,
    sql`alter table collections add column shared_at timestamptz`,
    sql`update collections
          set share_token_hash = encode(sha256(convert_to(share_token, 'UTF8')), 'hex'),
              shared_at = updated_at
          where share_token is not null`,
    sql`alter table collections drop column share_token`,
    sql`create table instance_settings (
      name text primary key,
      value text not null,
      updated_at timestamptz not null
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}
