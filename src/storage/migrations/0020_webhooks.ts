import { sql, type Kysely } from 'kysely';

/**
 * Organisation webhooks (issue 16). `webhook_subscriptions` (URL, chosen events, the signing
 * secret sealed with the key vault, enabled) and `webhook_deliveries` (one per event and
 * subscription; a replay is a new row of the same event). Deliveries are made where every domain
 * event is already written — the audit log: a trigger on `audit_events` maps the action to a
 * webhook event and, for each enabled subscription of that organisation asking for it, inserts
 * the delivery and its `webhooks.deliver` job in the same transaction. So every path that records
 * the event (one credential or a set-based bulk batch) notifies, exactly when it commits.
 *
 * The completion-notice webhook of recognition programs becomes a subscription to
 * `completion_notice.sent` limited to that program, with the same sealed secret; notices still
 * waiting for their webhook get a delivery; the program columns go.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table webhook_subscriptions (
      id bigserial primary key,
      public_id text not null unique,
      organisation_id bigint not null references organisations(id) on delete cascade,
      url text not null,
      events text[] not null,
      program_public_id text,
      secret_enc text not null,
      enabled boolean not null default true,
      created_by bigint references users(id) on delete set null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`,
    sql`create index webhook_subscriptions_org on webhook_subscriptions (organisation_id) where enabled`,
    sql`create table webhook_deliveries (
      id bigserial primary key,
      public_id text not null unique,
      subscription_id bigint not null references webhook_subscriptions(id) on delete cascade,
      organisation_id bigint not null references organisations(id) on delete cascade,
      audit_event_id bigint references audit_events(id) on delete set null,
      event_id text not null,
      event_type text not null,
      replay_of bigint references webhook_deliveries(id) on delete set null,
      body text,
      state text not null default 'pending' check (state in ('pending', 'delivered', 'failed', 'cancelled')),
      attempts integer not null default 0,
      status_code integer,
      response_snippet text,
      last_error text,
      created_at timestamptz not null,
      last_attempt_at timestamptz,
      delivered_at timestamptz
    )`,
    sql`create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, id desc)`,
    // The one place events become deliveries. Keep the mapping in step with features/webhooks/events.ts.
    sql`create function webhook_event_for(action text) returns text language sql immutable as $$
      select case action
        when 'credential.issued' then 'credential.issued'
        when 'claim.accepted' then 'credential.claimed'
        when 'credential.revoked' then 'credential.revoked'
        when 'credential.suspended' then 'credential.suspended'
        when 'credential.reinstated' then 'credential.reinstated'
        when 'application.submitted' then 'application.submitted'
        when 'review.passed' then 'application.reviewed'
        when 'review.needs_revision' then 'application.reviewed'
        when 'application.approved' then 'application.reviewed'
        when 'application.rejected' then 'application.reviewed'
        when 'recognition.submitted' then 'program.submitted'
        when 'recognition.resubmitted' then 'program.submitted'
        when 'recognition.approved' then 'program.approved'
        when 'notice.created' then 'completion_notice.sent'
        when 'credential.notice_sent' then 'completion_notice.sent'
        when 'award_run.finished' then 'bulk_run.finished'
      end
    $$`,
    // Per statement, set-based: a bulk batch of 500 issued credentials is one lookup, not 500.
    sql`create function webhook_fan_out() returns trigger language plpgsql as $$
      begin
        with e as materialized (
          select n.id, n.organisation_id, n.created_at, n.data, webhook_event_for(n.action) as event, 'evt_' || replace(gen_random_uuid()::text, '-', '') as event_id
          from inserted n
          where n.organisation_id is not null and webhook_event_for(n.action) is not null
        ), d as (
          insert into webhook_deliveries (public_id, subscription_id, organisation_id, audit_event_id, event_id, event_type, created_at)
          select 'whd_' || replace(gen_random_uuid()::text, '-', ''), s.id, s.organisation_id, e.id, e.event_id, e.event, e.created_at
          from e
          join webhook_subscriptions s on s.organisation_id = e.organisation_id and s.enabled and e.event = any(s.events)
            and (s.program_public_id is null or s.program_public_id = e.data->>'program')
          returning id, public_id, organisation_id, created_at
        )
        insert into jobs (type, payload, run_at, idempotency_key, max_attempts, organisation_id, created_at, updated_at)
        select 'webhooks.deliver', jsonb_build_object('deliveryId', d.id), d.created_at, 'webhook:' || d.public_id, 8, d.organisation_id, d.created_at, d.created_at from d;
        return null;
      end
    $$`,
    sql`create trigger audit_events_webhooks after insert on audit_events referencing new table as inserted for each statement execute function webhook_fan_out()`,
    // The recognition programs' webhooks, moved.
    sql`insert into webhook_subscriptions (public_id, organisation_id, url, events, program_public_id, secret_enc, enabled, created_at, updated_at)
      select 'whs_' || replace(gen_random_uuid()::text, '-', ''), organisation_id, webhook_url, array['completion_notice.sent'], public_id, webhook_secret_enc, true, updated_at, now()
      from recognition_programs where webhook_url is not null and webhook_secret_enc is not null`,
    sql`with d as (
        insert into webhook_deliveries (public_id, subscription_id, organisation_id, audit_event_id, event_id, event_type, created_at)
        select 'whd_' || replace(gen_random_uuid()::text, '-', ''), s.id, s.organisation_id, a.id, 'evt_' || replace(gen_random_uuid()::text, '-', ''), 'completion_notice.sent', n.created_at
        from completion_notices n
        join recognition_programs p on p.id = n.program_id
        join webhook_subscriptions s on s.program_public_id = p.public_id and s.organisation_id = p.organisation_id
        join audit_events a on a.organisation_id = p.organisation_id and a.action = 'notice.created' and a.subject_id = n.public_id
        where n.webhook_state = 'pending'
        returning id, public_id, organisation_id
      )
      insert into jobs (type, payload, run_at, idempotency_key, max_attempts, organisation_id, created_at, updated_at)
      select 'webhooks.deliver', jsonb_build_object('deliveryId', d.id), now(), 'webhook:' || d.public_id, 8, d.organisation_id, now(), now() from d`,
    sql`update jobs set status = 'dead', finished_at = now(), updated_at = now(), last_error = 'Replaced by webhooks.deliver (migration 0020)' where type = 'recognition.webhook' and status in ('queued', 'running')`,
    sql`alter table recognition_programs drop column webhook_url, drop column webhook_secret_enc`,
  ];
  for (const statement of statements) await statement.execute(db);
}
