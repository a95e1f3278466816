import { sql, type Kysely } from 'kysely';

/** Pathways (requirement trees that award a higher credential) and the catalog link of issued credentials. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table pathways (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{1,80}$'),
      name text not null,
      description text not null default '',
      achievement_type text not null default 'Certificate',
      requirement jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (organisation_id, slug)
    )`,
    sql`alter table credentials add column micro_credential_id bigint references micro_credentials(id) on delete set null`,
    sql`alter table credentials add column micro_credential_version integer`,
    sql`alter table credentials add column pathway_id bigint references pathways(id) on delete set null`,
    sql`create index credentials_holder on credentials (organisation_id, recipient_email)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
