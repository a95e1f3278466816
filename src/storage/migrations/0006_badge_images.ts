import { sql, type Kysely } from 'kysely';

/** Badge images, kept in the database so every machine serves them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table badge_images (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      svg text,
      png bytea not null,
      sha256 text not null,
      origin text not null check (origin in ('uploaded', 'generated')),
      created_at timestamptz not null
    )`,
    sql`alter table micro_credential_versions add column image_id bigint references badge_images(id) on delete set null`,
  ];
  for (const statement of statements) await statement.execute(db);
}
