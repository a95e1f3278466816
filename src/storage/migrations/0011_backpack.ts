import { sql, type Kysely } from 'kysely';

/** The earner's backpack: badges imported from elsewhere, collections shared by link, and badge privacy. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table imported_credentials (
      id bigserial primary key,
      public_id text not null unique,
      user_id bigint not null references users(id) on delete cascade,
      format text not null check (format in ('json', 'jws', 'png', 'svg', 'url')),
      source_url text,
      original_text text,
      original_bytes bytea,
      sha256 text not null,
      verified boolean not null,
      status text not null check (status in ('valid', 'revoked', 'suspended', 'expired', 'failed')),
      failure_reason text,
      report text not null,
      checked_at timestamptz not null,
      name text not null,
      issuer_name text,
      image_url text,
      issued_on timestamptz,
      created_at timestamptz not null,
      check (original_text is not null or original_bytes is not null),
      unique (user_id, sha256)
    )`,
    sql`create index imported_credentials_user on imported_credentials (user_id, id desc)`,
    sql`create table collections (
      id bigserial primary key,
      public_id text not null unique,
      user_id bigint not null references users(id) on delete cascade,
      name text not null,
      description text not null default '',
      shared boolean not null default false,
      share_token text unique,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`,
    sql`create index collections_user on collections (user_id, id)`,
    sql`create table collection_items (
      id bigserial primary key,
      collection_id bigint not null references collections(id) on delete cascade,
      credential_id bigint references credentials(id) on delete cascade,
      imported_credential_id bigint references imported_credentials(id) on delete cascade,
      position integer not null,
      check ((credential_id is null) <> (imported_credential_id is null)),
      unique (collection_id, credential_id),
      unique (collection_id, imported_credential_id)
    )`,
    sql`create index collection_items_order on collection_items (collection_id, position)`,
    // The earner controls the public page of a badge issued to them; no row = public.
    sql`create table credential_privacy (
      credential_id bigint primary key references credentials(id) on delete cascade,
      user_id bigint not null references users(id) on delete cascade,
      private boolean not null,
      updated_at timestamptz not null
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}
