import { sql, type Kysely } from 'kysely';

/**
 * Program A's pre-approved continuing-education sessions (issue 13): a provider asks a council to
 * pre-approve one session's content (title, dates, hours, agenda, presenter) against the council's
 * proof-of-completion micro-credential; the council's staff approve or decline it with a reason.
 * Approved sessions are what attendees choose when they apply (`applications.proof_session_id`).
 * The provider uploads its roster for an approved session; each attendee is invited by email.
 *
 * The free-text list `micro_credential_versions.approved_programs` ("provider — program") is
 * replaced: every entry of every version becomes an approved session row of its micro-credential
 * (the provider's name is what came before " — "), applications naming one are linked to it, and
 * the column goes.
 *
 * Notifications: a second statement trigger on `audit_events` (beside migration 0025's) tells the
 * council's recognition officers (else owners and administrators) of a request, and the requester
 * (else the provider's owners and administrators) of the decision, with kind `ce_session`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table ce_sessions (
      id bigserial primary key,
      public_id text not null unique,
      council_organisation_id bigint not null references organisations(id) on delete cascade,
      micro_credential_id bigint not null references micro_credentials(id) on delete cascade,
      provider_organisation_id bigint references organisations(id) on delete set null,
      provider_name text not null,
      title text not null,
      starts_on date,
      ends_on date,
      hours numeric(6, 2) check (hours is null or hours > 0),
      description text not null default '',
      presenter text not null default '',
      status text not null check (status in ('submitted', 'approved', 'declined', 'withdrawn')),
      decision_note text,
      requested_by bigint references users(id) on delete set null,
      decided_by bigint references users(id) on delete set null,
      decided_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (ends_on is null or starts_on is null or ends_on >= starts_on)
    )`,
    sql`create index ce_sessions_council on ce_sessions (council_organisation_id, status, created_at)`,
    sql`create index ce_sessions_provider on ce_sessions (provider_organisation_id, created_at)`,
    sql`create index ce_sessions_approved on ce_sessions (micro_credential_id) where status = 'approved'`,
    sql`create table ce_session_invitations (
      id bigserial primary key,
      public_id text not null unique,
      session_id bigint not null references ce_sessions(id) on delete cascade,
      name text not null,
      email text not null,
      state text not null check (state in ('queued', 'sent')),
      sent_at timestamptz,
      created_by bigint references users(id) on delete set null,
      created_at timestamptz not null
    )`,
    sql`create unique index ce_session_invitations_email on ce_session_invitations (session_id, lower(email))`,
    sql`alter table applications add column proof_session_id bigint references ce_sessions(id) on delete set null`,
    sql`create index applications_proof_session on applications (proof_session_id) where proof_session_id is not null`,
    // The free-text entries of every version, once per micro-credential, as approved sessions.
    sql`insert into ce_sessions (public_id, council_organisation_id, micro_credential_id, provider_name, title,
        status, decision_note, decided_at, created_at, updated_at)
      select 'ses_' || replace(gen_random_uuid()::text, '-', ''), x.organisation_id, x.micro_credential_id,
        case when position(' — ' in x.entry) > 0 then left(x.entry, position(' — ' in x.entry) - 1) else '' end,
        case when position(' — ' in x.entry) > 0 then substr(x.entry, position(' — ' in x.entry) + 3) else x.entry end,
        'approved', 'Moved from the micro-credential’s list of pre-approved programs.', x.first_at, x.first_at, x.first_at
      from (
        select m.organisation_id, v.micro_credential_id, trim(e.entry) as entry, min(v.created_at) as first_at
        from micro_credential_versions v
        join micro_credentials m on m.id = v.micro_credential_id
        cross join lateral jsonb_array_elements_text(v.approved_programs) as e(entry)
        where trim(e.entry) <> ''
        group by m.organisation_id, v.micro_credential_id, trim(e.entry)
      ) x`,
    sql`update applications a set proof_session_id = s.id
      from ce_sessions s
      where s.micro_credential_id = a.micro_credential_id and a.proof_program is not null
        and a.proof_program = case when s.provider_name = '' then s.title else s.provider_name || ' — ' || s.title end`,
    sql`alter table micro_credential_versions drop column approved_programs`,
    sql`create function ce_session_notification_fan_out() returns trigger language plpgsql as $$
      begin
        with r as materialized (
          -- A session sent for pre-approval: the council's recognition officers (the audit row in the council's log).
          select n.id as audit_id, n.organisation_id, n.actor_user_id, n.created_at, s.id as user_id,
            jsonb_build_object('session', cs.public_id, 'title', cs.title, 'provider', cs.provider_name, 'council', co.name,
              'slug', co.slug, 'step', 'requested') as data
          from inserted n
          join ce_sessions cs on cs.public_id = n.subject_id and cs.council_organisation_id = n.organisation_id
          join organisations co on co.id = cs.council_organisation_id
          cross join lateral notification_staff(n.organisation_id, array['recognition_officer']) as s(id)
          where n.action = 'ce_session.requested'
          union all
          -- A session approved or declined: who asked (else the provider's owners and administrators).
          select n.id, n.organisation_id, n.actor_user_id, n.created_at, s.id,
            jsonb_build_object('session', cs.public_id, 'title', cs.title, 'provider', cs.provider_name, 'council', co.name,
              'slug', po.slug, 'step', substr(n.action, 12), 'reason', coalesce(cs.decision_note, ''))
          from inserted n
          join ce_sessions cs on cs.public_id = n.subject_id and cs.provider_organisation_id = n.organisation_id
          join organisations co on co.id = cs.council_organisation_id
          join organisations po on po.id = cs.provider_organisation_id
          cross join lateral (
            select cs.requested_by where cs.requested_by is not null
            union all
            select m.user_id from memberships m where cs.requested_by is null and m.organisation_id = po.id and m.roles && array['owner', 'admin']
          ) as s(id)
          where n.action in ('ce_session.approved', 'ce_session.declined')
        ), made as (
          insert into notifications (public_id, user_id, organisation_id, audit_event_id, kind, data, email, created_at)
          select 'ntf_' || replace(gen_random_uuid()::text, '-', ''), r.user_id, r.organisation_id, r.audit_id, 'ce_session', r.data,
            case coalesce(p.delivery, 'email') when 'email' then 'pending' when 'digest' then 'digest' else 'none' end,
            r.created_at
          from (select distinct on (audit_id, user_id) * from r) r
          join users u on u.id = r.user_id and u.deleted_at is null
          left join notification_preferences p on p.user_id = r.user_id and p.kind = 'ce_session'
          where r.actor_user_id is distinct from r.user_id
          returning id, public_id, organisation_id, email, created_at
        )
        insert into jobs (type, payload, run_at, idempotency_key, max_attempts, organisation_id, created_at, updated_at)
        select 'notifications.email', jsonb_build_object('notificationId', made.id), made.created_at, 'notification:' || made.public_id, 8, made.organisation_id, made.created_at, made.created_at
        from made where made.email = 'pending';
        return null;
      end
    $$`,
    sql`create trigger audit_events_ce_session_notifications after insert on audit_events referencing new table as inserted for each statement execute function ce_session_notification_fan_out()`,
  ];
  for (const statement of statements) await statement.execute(db);
}
