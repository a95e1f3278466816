import { sql, type Kysely } from 'kysely';

/**
 * Notifications (issue 13): an in-app inbox per person, email per notification, per-kind
 * preferences and a daily digest.
 *
 * Like webhooks (migration 0020), notifications are made where every domain event is already
 * written — the audit log: a statement trigger on `audit_events` maps an action to a kind, finds
 * who should hear of it (the assigned reviewer, the issuing staff of the organisation, the earner,
 * the holder of a badge, the recognition officers, the program's submitter) and inserts their
 * notifications in the same transaction, so every path that records the event (one command, a
 * set-based bulk batch) notifies, exactly when it commits, and never for a change rolled back.
 * Nobody is told of their own action.
 *
 * `email` says what happens by email: `pending` (a `notifications.email` job, inserted here,
 * renders and queues it through the outbox), `digest` (the daily digest takes it), `none` (in
 * app only, by the person's choice), `sent` / `digested`, or `external` when the flow already
 * emails that person itself (a badge's claim email, the review decision email, the program
 * submission thread), so no one
 * is emailed twice. Keep the kinds in step with features/notifications/kinds.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table notifications (
      id bigserial primary key,
      public_id text not null unique,
      user_id bigint not null references users(id) on delete cascade,
      organisation_id bigint references organisations(id) on delete cascade,
      audit_event_id bigint references audit_events(id) on delete set null,
      kind text not null,
      data jsonb not null default '{}',
      email text not null check (email in ('pending', 'digest', 'none', 'sent', 'digested', 'external')),
      created_at timestamptz not null,
      read_at timestamptz,
      emailed_at timestamptz
    )`,
    sql`create index notifications_inbox on notifications (user_id, id desc)`,
    sql`create index notifications_unread on notifications (user_id) where read_at is null`,
    sql`create index notifications_digest on notifications (user_id, id) where email = 'digest'`,
    sql`create table notification_preferences (
      user_id bigint not null references users(id) on delete cascade,
      kind text not null,
      delivery text not null check (delivery in ('in_app', 'email', 'digest')),
      updated_at timestamptz not null,
      primary key (user_id, kind)
    )`,
    // Members of an organisation holding any of the roles; when none does, its owners and administrators.
    sql`create function notification_staff(org bigint, wanted text[]) returns setof bigint language sql stable as $$
      select m.user_id from memberships m where m.organisation_id = org and m.roles && wanted
      union
      select m.user_id from memberships m where m.organisation_id = org and m.roles && array['owner', 'admin']
        and not exists (select 1 from memberships w where w.organisation_id = org and w.roles && wanted)
    $$`,
    // The account that holds a credential: who accepted its claim, else whoever confirmed its address.
    sql`create function notification_holder(credential bigint) returns bigint language sql stable as $$
      select coalesce(
        (select cl.user_id from credential_claims cl where cl.credential_id = credential and cl.state = 'accepted' and cl.user_id is not null),
        (select e.user_id from credentials c join user_emails e on e.email = lower(c.recipient_email) and e.confirmed_at is not null where c.id = credential)
      )
    $$`,
    sql`create function notification_fan_out() returns trigger language plpgsql as $$
      begin
        with r as materialized (
          -- A peer submission assigned (or reassigned) to a reviewer.
          select n.id as audit_id, n.organisation_id, n.actor_user_id, n.created_at, 'submission_assigned' as kind, t.reviewer_user_id as user_id,
            jsonb_build_object('application', p.public_id, 'attempt', t.public_id, 'number', t.number, 'title', v.title, 'organisation', o.name) as data
          from inserted n
          join applications p on p.organisation_id = n.organisation_id
            and p.public_id = n.subject_id
          join attempts t on t.application_id = p.id
            and t.number = case when n.data->>'attempt' ~ '^[0-9]{1,9}$' then (n.data->>'attempt')::int end
          join micro_credential_versions v on v.id = p.version_id
          join organisations o on o.id = p.organisation_id
          where n.action = 'application.submitted' and t.reviewer_user_id is not null
          union all
          select n.id, n.organisation_id, null, n.created_at, 'submission_assigned', t.reviewer_user_id,
            jsonb_build_object('application', p.public_id, 'attempt', t.public_id, 'number', t.number, 'title', v.title, 'organisation', o.name)
          from inserted n
          join attempts t on t.public_id = n.subject_id
            and t.reviewer_user_id = case when n.data->>'to' ~ '^[0-9]{1,18}$' then (n.data->>'to')::bigint end
          join applications p on p.id = t.application_id and p.organisation_id = n.organisation_id
          join micro_credential_versions v on v.id = p.version_id
          join organisations o on o.id = p.organisation_id
          where n.action = 'review.reassigned'
          union all
          -- A certificate of completion submitted: the issuing staff of that organisation.
          select n.id, n.organisation_id, n.actor_user_id, n.created_at, 'proof_submitted', s.id,
            jsonb_build_object('application', p.public_id, 'title', v.title, 'earner', u.name, 'slug', o.slug, 'organisation', o.name)
          from inserted n
          join applications p on p.organisation_id = n.organisation_id and p.public_id = n.subject_id
          join micro_credential_versions v on v.id = p.version_id and v.earning_mode = 'proof_of_completion'
          join users u on u.id = p.earner_user_id
          join organisations o on o.id = p.organisation_id
          cross join lateral notification_staff(n.organisation_id, array['issuing_staff']) as s(id)
          where n.action = 'application.submitted'
          union all
          -- A submission reviewed or a certificate decided: the earner.
          select n.id, n.organisation_id, n.actor_user_id, n.created_at, 'application_reviewed', p.earner_user_id,
            jsonb_build_object('application', p.public_id, 'title', v.title, 'organisation', o.name,
              'decision', case n.action when 'review.passed' then 'passed' when 'review.needs_revision' then 'needs_revision' when 'application.approved' then 'approved' else 'rejected' end)
          from inserted n
          join applications p on p.organisation_id = n.organisation_id and p.public_id = n.subject_id
          join micro_credential_versions v on v.id = p.version_id
          join organisations o on o.id = p.organisation_id
          where n.action in ('review.passed', 'review.needs_revision', 'application.approved', 'application.rejected')
          union all
          -- A badge issued to an address someone has confirmed (the claim email is its email).
          select n.id, n.organisation_id, n.actor_user_id, n.created_at, 'badge_issued', h.user_id,
            jsonb_build_object('credential', c.public_id, 'title', c.achievement_name, 'organisation', o.name)
          from inserted n
          join credentials c on c.organisation_id = n.organisation_id and c.public_id = n.subject_id
          join organisations o on o.id = c.organisation_id
          cross join lateral (select notification_holder(c.id) as user_id) h
          where n.action = 'credential.issued' and h.user_id is not null
          union all
          -- A badge revoked, suspended or reinstated: its holder, with the public reason.
          select n.id, n.organisation_id, n.actor_user_id, n.created_at, 'badge_status', h.user_id,
            jsonb_build_object('credential', c.public_id, 'title', c.achievement_name, 'organisation', o.name,
              'status', substr(n.action, 12), 'reason', coalesce(n.data->>'reason', ''))
          from inserted n
          join credentials c on c.organisation_id = n.organisation_id and c.public_id = n.subject_id
          join organisations o on o.id = c.organisation_id
          cross join lateral (select notification_holder(c.id) as user_id) h
          where n.action in ('credential.revoked', 'credential.suspended', 'credential.reinstated') and h.user_id is not null
          union all
          -- A program submitted to a recognizer: its officers (the audit row in the recognizer's log).
          select n.id, n.organisation_id, n.actor_user_id, n.created_at, 'program_submission', s.id,
            jsonb_build_object('submission', ps.public_id, 'title', coalesce(n.data->>'subject', ''), 'program', rp.name, 'slug', ro.slug,
              'issuer', io.name, 'step', substr(n.action, 13))
          from inserted n
          join program_submissions ps on ps.public_id = n.subject_id
          join recognition_programs rp on rp.id = ps.program_id and rp.organisation_id = n.organisation_id
          join organisations ro on ro.id = rp.organisation_id
          join organisations io on io.id = ps.issuer_organisation_id
          cross join lateral notification_staff(n.organisation_id, array['recognition_officer']) as s(id)
          where n.action in ('recognition.submitted', 'recognition.resubmitted')
          union all
          -- A program decided or sent back: its submitter (else the issuer's owners and administrators).
          select n.id, n.organisation_id, n.actor_user_id, n.created_at, 'program_submission', s.id,
            jsonb_build_object('submission', ps.public_id, 'title', coalesce(n.data->>'subject', ''), 'program', rp.name, 'slug', io.slug,
              'recognizer', ro.name, 'step', substr(n.action, 13), 'reason', coalesce(n.data->>'reason', ''))
          from inserted n
          join program_submissions ps on ps.public_id = n.subject_id and ps.issuer_organisation_id = n.organisation_id
          join recognition_programs rp on rp.id = ps.program_id
          join organisations ro on ro.id = rp.organisation_id
          join organisations io on io.id = ps.issuer_organisation_id
          cross join lateral (
            select ps.created_by where ps.created_by is not null
            union all
            select m.user_id from memberships m where ps.created_by is null and m.organisation_id = io.id and m.roles && array['owner', 'admin']
          ) as s(id)
          where n.action in ('recognition.approved', 'recognition.rejected', 'recognition.changes_requested')
          union all
          -- A license link confirmed or rejected: the earner.
          select n.id, n.organisation_id, n.actor_user_id, n.created_at, 'license_decided', l.user_id,
            jsonb_build_object('license', l.public_id, 'licenseNumber', l.license_number, 'program', rp.name, 'organisation', o.name,
              'decision', substr(n.action, 9), 'reason', coalesce(n.data->>'reason', ''))
          from inserted n
          join license_records l on l.public_id = n.subject_id
          join recognition_programs rp on rp.id = l.program_id and rp.organisation_id = n.organisation_id
          join organisations o on o.id = rp.organisation_id
          where n.action in ('license.confirmed', 'license.rejected')
        ), made as (
          insert into notifications (public_id, user_id, organisation_id, audit_event_id, kind, data, email, created_at)
          select 'ntf_' || replace(gen_random_uuid()::text, '-', ''), r.user_id, r.organisation_id, r.audit_id, r.kind, r.data,
            case
              when r.kind in ('badge_issued', 'application_reviewed', 'program_submission') then 'external'
              else case coalesce(p.delivery, 'email') when 'email' then 'pending' when 'digest' then 'digest' else 'none' end
            end,
            r.created_at
          from (select distinct on (audit_id, user_id, kind) * from r) r
          join users u on u.id = r.user_id and u.deleted_at is null
          left join notification_preferences p on p.user_id = r.user_id and p.kind = r.kind
          where r.actor_user_id is distinct from r.user_id
          returning id, public_id, organisation_id, email, created_at
        )
        insert into jobs (type, payload, run_at, idempotency_key, max_attempts, organisation_id, created_at, updated_at)
        select 'notifications.email', jsonb_build_object('notificationId', made.id), made.created_at, 'notification:' || made.public_id, 8, made.organisation_id, made.created_at, made.created_at
        from made where made.email = 'pending';
        return null;
      end
    $$`,
    sql`create trigger audit_events_notifications after insert on audit_events referencing new table as inserted for each statement execute function notification_fan_out()`,
  ];
  for (const statement of statements) await statement.execute(db);
}
