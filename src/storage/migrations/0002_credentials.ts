import { sql, type Kysely } from 'kysely';

/** Issuer signing keys, issued credentials (kept verbatim), status lists and API tokens. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table issuer_keys (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      algorithm text not null default 'Ed25519' check (algorithm in ('Ed25519')),
      public_key_multibase text not null,
      private_key_encrypted text not null,
      status text not null default 'active' check (status in ('active', 'retired', 'revoked')),
      created_at timestamptz not null,
      retired_at timestamptz,
      revoked_at timestamptz,
      revocation_reason text
    )`,
    sql`create unique index issuer_keys_one_active on issuer_keys (organisation_id) where status = 'active'`,
    sql`create table credentials (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete restrict,
      credential_id text not null unique,
      recipient_email text,
      recipient_did text,
      achievement_id text not null,
      achievement_name text not null,
      issuer_key_id bigint references issuer_keys(id),
      document text not null,
      document_sha256 text not null,
      jwt text,
      valid_from timestamptz not null,
      valid_until timestamptz,
      issued_at timestamptz not null,
      issued_by bigint references users(id) on delete set null
    )`,
    sql`create index credentials_org on credentials (organisation_id, id desc)`,
    sql`create index credentials_recipient on credentials (recipient_email)`,
    sql`create table status_lists (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      purpose text not null check (purpose in ('revocation', 'suspension')),
      size integer not null check (size >= 131072 and size % 8 = 0),
      bits bytea not null,
      used integer not null default 0,
      version integer not null default 0,
      signed_version integer not null default -1,
      signed_document text,
      signed_at timestamptz,
      created_at timestamptz not null
    )`,
    sql`create index status_lists_org on status_lists (organisation_id, purpose)`,
    sql`create table status_entries (
      credential_id bigint not null references credentials(id) on delete cascade,
      status_list_id bigint not null references status_lists(id) on delete cascade,
      list_index integer not null,
      primary key (credential_id, status_list_id),
      unique (status_list_id, list_index)
    )`,
    sql`create table credential_status_events (
      id bigserial primary key,
      credential_id bigint not null references credentials(id) on delete cascade,
      action text not null check (action in ('revoked', 'suspended', 'reinstated')),
      reason text,
      actor_user_id bigint references users(id) on delete set null,
      created_at timestamptz not null
    )`,
    sql`create table api_tokens (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      created_by bigint references users(id) on delete set null,
      created_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}
