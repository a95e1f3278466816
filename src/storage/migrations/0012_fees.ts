import { sql, type Kysely } from 'kysely';

/**
 * Applying with proof and a fee (program A): the `proof_of_completion` earning mode, the fee's
 * currency and the pre-approved programs on a design, the program an earner names, final
 * rejections, and `payments` (references and amounts only — never card data) with per
 * organisation invoice numbers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`alter table micro_credential_versions drop constraint if exists micro_credential_versions_earning_mode_check`,
    sql`alter table micro_credential_versions add constraint micro_credential_versions_earning_mode_check
      check (earning_mode in ('reviewed_evidence', 'assessment', 'attendance', 'course_completion', 'proof_of_completion'))`,
    sql`alter table micro_credential_versions add column application_fee_currency text not null default 'USD' check (application_fee_currency ~ '^[A-Z]{3}$')`,
    sql`alter table micro_credential_versions add column approved_programs jsonb not null default '[]'::jsonb`,
    sql`alter table applications add column proof_program text`,
    sql`alter table applications drop constraint if exists applications_status_check`,
    sql`alter table applications add constraint applications_status_check
      check (status in ('in_progress', 'submitted', 'in_review', 'needs_revision', 'passed', 'expired', 'withdrawn', 'rejected'))`,
    sql`drop index if exists applications_one_open`,
    sql`create unique index applications_one_open on applications (earner_user_id, micro_credential_id) where status not in ('passed', 'expired', 'withdrawn', 'rejected')`,
    sql`alter table attempts drop constraint if exists attempts_decision_check`,
    sql`alter table attempts add constraint attempts_decision_check check (decision in ('passed', 'needs_revision', 'rejected'))`,
    sql`create table invoice_counters (
      organisation_id bigint primary key references organisations(id) on delete cascade,
      last_number integer not null
    )`,
    sql`create table payments (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      application_id bigint not null references applications(id) on delete cascade,
      payer_user_id bigint references users(id) on delete set null,
      amount_minor integer not null check (amount_minor >= 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      provider text not null,
      provider_reference text,
      state text not null check (state in ('pending', 'paid', 'refunded', 'cancelled')),
      invoice_number text not null,
      instructions text not null default '',
      receipt_sent_at timestamptz,
      marked_paid_by bigint references users(id) on delete set null,
      paid_at timestamptz,
      refunded_by bigint references users(id) on delete set null,
      refunded_at timestamptz,
      refund_reference text,
      refund_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (organisation_id, invoice_number)
    )`,
    sql`create index payments_application on payments (application_id)`,
    sql`create index payments_org_state on payments (organisation_id, state)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
