import { sql, type Kysely } from 'kysely';

/** The catalog: micro-credentials with frozen published versions, and stacks. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table micro_credentials (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{1,80}$'),
      created_at timestamptz not null,
      retired_at timestamptz,
      unique (organisation_id, slug)
    )`,
    sql`create table micro_credential_versions (
      id bigserial primary key,
      public_id text not null unique,
      micro_credential_id bigint not null references micro_credentials(id) on delete cascade,
      version integer not null,
      status text not null check (status in ('draft', 'published', 'superseded')),
      title text not null,
      competency text not null default '',
      description text not null default '',
      key_method text not null default '',
      criteria text not null default '',
      evidence_parts jsonb not null default '[]'::jsonb,
      rubric jsonb not null default '{}'::jsonb,
      effort_hours numeric(6,1),
      credit_hours numeric(6,2),
      achievement_type text not null default 'MicroCredential',
      tags text[] not null default '{}',
      alignments jsonb not null default '[]'::jsonb,
      validity_months integer,
      application_window_months integer not null default 6,
      application_fee_cents integer,
      passing_score numeric(5,2),
      earning_mode text not null check (earning_mode in ('reviewed_evidence', 'assessment', 'attendance', 'course_completion')),
      search_text text not null default '',
      created_by bigint references users(id) on delete set null,
      created_at timestamptz not null,
      published_at timestamptz,
      unique (micro_credential_id, version)
    )`,
    sql`create unique index micro_credential_one_draft on micro_credential_versions (micro_credential_id) where status = 'draft'`,
    sql`create unique index micro_credential_one_published on micro_credential_versions (micro_credential_id) where status = 'published'`,
    // What the public catalog searches: one row per listed micro-credential (its published
    // version, not retired), denormalised so a search is one indexed scan without joins.
    sql`create table catalog_entries (
      micro_credential_id bigint primary key references micro_credentials(id) on delete cascade,
      version_id bigint not null references micro_credential_versions(id) on delete cascade,
      public_id text not null,
      slug text not null,
      organisation_id bigint not null references organisations(id) on delete cascade,
      organisation_slug text not null,
      organisation_name text not null,
      version integer not null,
      title text not null,
      competency text not null,
      effort_hours numeric(6,1),
      credit_hours numeric(6,2),
      earning_mode text not null,
      tags text[] not null,
      published_at timestamptz not null,
      search_text text not null,
      search tsvector generated always as (to_tsvector('english'::regconfig, search_text)) stored
    )`,
    sql`create index catalog_entries_search on catalog_entries using gin (search)`,
    sql`create index catalog_entries_recent on catalog_entries (published_at desc)`,
    sql`create index catalog_entries_org on catalog_entries (organisation_slug)`,
    sql`create table stacks (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{1,80}$'),
      name text not null,
      description text not null default '',
      created_at timestamptz not null,
      unique (organisation_id, slug)
    )`,
    sql`create table stack_members (
      stack_id bigint not null references stacks(id) on delete cascade,
      micro_credential_id bigint not null references micro_credentials(id) on delete cascade,
      position integer not null default 0,
      primary key (stack_id, micro_credential_id)
    )`,
    sql`create index stack_members_mc on stack_members (micro_credential_id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
