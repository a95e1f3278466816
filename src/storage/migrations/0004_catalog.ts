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
      earning_mode text not null check (earning_mode in ('reviewed_evidence', 'assessment', 'attendance', 'course_completion')),
      search_text text not null default '',
      search tsvector generated always as (to_tsvector('english'::regconfig, search_text)) stored,
      created_by bigint references users(id) on delete set null,
      created_at timestamptz not null,
      published_at timestamptz,
      unique (micro_credential_id, version)
    )`,
    sql`create unique index micro_credential_one_draft on micro_credential_versions (micro_credential_id) where status = 'draft'`,
    sql`create unique index micro_credential_one_published on micro_credential_versions (micro_credential_id) where status = 'published'`,
    sql`create index micro_credential_versions_search on micro_credential_versions using gin (search) where status = 'published'`,
    sql`create index micro_credential_versions_published on micro_credential_versions (published_at desc) where status = 'published'`,
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
