import { sql, type Kysely } from 'kysely';

/**
 * The Open Badges 3.0 API: the OAuth 2.0 authorization server's state (clients, grants, codes,
 * tokens, sessions, interactions — one table keyed by model and id, shared by every process), its
 * signing key (sealed with CAIRN_SECRET, made once), the credential id of an imported badge (so an
 * upsert finds what it replaces), and the earner's connections to other OB 3.0 hosts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table oauth_models (
      model text not null,
      id text not null,
      payload jsonb not null,
      grant_id text,
      user_code text,
      uid text,
      expires_at timestamptz,
      primary key (model, id)
    )`,
    sql`create index oauth_models_grant on oauth_models (grant_id) where grant_id is not null`,
    sql`create index oauth_models_uid on oauth_models (model, uid) where uid is not null`,
    sql`create index oauth_models_user_code on oauth_models (model, user_code) where user_code is not null`,
    sql`create index oauth_models_expiry on oauth_models (expires_at) where expires_at is not null`,
    sql`create table oauth_signing_keys (
      name text primary key,
      sealed_jwk text not null,
      created_at timestamptz not null
    )`,
    // The credential's own id (its "id" member), read when an upsert first needs it; '' = none.
    sql`alter table imported_credentials add column credential_uri text`,
    sql`create index imported_credentials_uri on imported_credentials (user_id, credential_uri) where credential_uri is not null`,
    sql`create table ob3_connections (
      id bigserial primary key,
      public_id text not null unique,
      user_id bigint not null references users(id) on delete cascade,
      base_url text not null,
      host_name text not null,
      issuer text not null,
      authorization_url text not null,
      token_url text not null,
      revocation_url text,
      api_base text not null,
      client_id text not null,
      sealed_client_secret text,
      state text not null check (state in ('pending', 'connected')),
      sealed_pkce_verifier text,
      oauth_state text unique,
      sealed_access_token text,
      sealed_refresh_token text,
      access_expires_at timestamptz,
      scope text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`,
    sql`create index ob3_connections_user on ob3_connections (user_id, id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
