import { sql } from 'kysely';
import { publicId } from '../../domain/ids.ts';
import type { Queryable } from '../../storage/database.ts';
import type { WebhookDeliveryState } from '../../storage/schema.ts';

/** Every statement of the webhooks feature. Tenant queries take the organisation id. */

/** Public ids are short words: anything else (a NUL, which PostgreSQL text cannot hold) matches nothing, without a query. */
const lookupable = (value: string) => /^[A-Za-z0-9_-]{1,100}$/.test(value);

/** The queue key of a delivery's job (the trigger of migration 0020 uses the same). */
export function deliveryJobKey(deliveryPublicId: string): string {
  return `webhook:${deliveryPublicId}`;
}

export interface SubscriptionRow {
  id: number;
  public_id: string;
  url: string;
  events: string[];
  program_public_id: string | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const subscriptionColumns = [
  's.id',
  's.public_id',
  's.url',
  's.events',
  's.program_public_id',
  's.enabled',
  's.created_at',
  's.updated_at',
] as const;

export async function insertSubscription(
  db: Queryable,
  row: {
    organisationId: number;
    url: string;
    events: string[];
    programPublicId?: string | null;
    secretEnc: string;
    createdBy: number | null;
  },
  now: Date,
): Promise<{ id: number; public_id: string }> {
  return db
    .insertInto('webhook_subscriptions')
    .values({
      public_id: publicId('whs'),
      organisation_id: row.organisationId,
      url: row.url,
      events: sql<string[]>`${sql.val(row.events)}::text[]`,
      program_public_id: row.programPublicId ?? null,
      secret_enc: row.secretEnc,
      created_by: row.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
}

export async function listSubscriptions(db: Queryable, organisationId: number): Promise<SubscriptionRow[]> {
  return db
    .selectFrom('webhook_subscriptions as s')
    .select(subscriptionColumns)
    .where('s.organisation_id', '=', organisationId)
    .orderBy('s.id')
    .execute();
}

export async function findSubscription(
  db: Queryable,
  organisationId: number,
  subscriptionPublicId: string,
): Promise<SubscriptionRow | undefined> {
  if (!lookupable(subscriptionPublicId)) return undefined;
  return db
    .selectFrom('webhook_subscriptions as s')
    .select(subscriptionColumns)
    .where('s.organisation_id', '=', organisationId)
    .where('s.public_id', '=', subscriptionPublicId)
    .executeTakeFirst();
}

/** The subscriptions limited to one recognition program (what its webhook settings page manages). */
export async function programSubscriptions(
  db: Queryable,
  organisationId: number,
  programPublicId: string,
): Promise<SubscriptionRow[]> {
  if (!lookupable(programPublicId)) return [];
  return db
    .selectFrom('webhook_subscriptions as s')
    .select(subscriptionColumns)
    .where('s.organisation_id', '=', organisationId)
    .where('s.program_public_id', '=', programPublicId)
    .orderBy('s.id')
    .execute();
}

export async function setSubscriptionEnabled(
  db: Queryable,
  organisationId: number,
  subscriptionPublicId: string,
  enabled: boolean,
  now: Date,
): Promise<boolean> {
  if (!lookupable(subscriptionPublicId)) return false;
  const r = await db
    .updateTable('webhook_subscriptions')
    .set({ enabled, updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('public_id', '=', subscriptionPublicId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes subscriptions (their deliveries go with them; their queued jobs find nothing and end). */
export async function deleteSubscriptions(
  db: Queryable,
  organisationId: number,
  ids: number[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .deleteFrom('webhook_subscriptions')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface DeliveryLogRow {
  public_id: string;
  event_id: string;
  event_type: string;
  state: WebhookDeliveryState;
  attempts: number;
  status_code: number | null;
  response_snippet: string | null;
  last_error: string | null;
  created_at: Date;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  replay_of_public_id: string | null;
  /** When the next attempt is due (a pending delivery whose job waits), else null. */
  next_attempt_at: Date | null;
}

/** A subscription's delivery log, newest first. */
export async function listDeliveries(
  db: Queryable,
  subscriptionId: number,
  limit = 50,
): Promise<DeliveryLogRow[]> {
  return db
    .selectFrom('webhook_deliveries as d')
    .leftJoin('webhook_deliveries as o', 'o.id', 'd.replay_of')
    .leftJoin('jobs as j', (join) =>
      join.on('j.idempotency_key', '=', sql<string>`'webhook:' || d.public_id`).on('j.status', '=', 'queued'),
    )
    .select([
      'd.public_id',
      'd.event_id',
      'd.event_type',
      'd.state',
      'd.attempts',
      'd.status_code',
      'd.response_snippet',
      'd.last_error',
      'd.created_at',
      'd.last_attempt_at',
      'd.delivered_at',
      'o.public_id as replay_of_public_id',
    ])
    .select(sql<Date | null>`case when d.state = 'pending' then j.run_at end`.as('next_attempt_at'))
    .where('d.subscription_id', '=', subscriptionId)
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

/** What the delivery job needs: the delivery, its subscription, the audit event and the organisation. */
export async function deliveryForJob(db: Queryable, deliveryId: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .leftJoin('audit_events as a', 'a.id', 'd.audit_event_id')
    .select([
      'd.id',
      'd.public_id',
      'd.event_id',
      'd.event_type',
      'd.state',
      'd.body',
      'd.created_at',
      's.url',
      's.secret_enc',
      's.enabled',
      'o.id as organisation_id',
      'o.public_id as organisation_public_id',
      'o.slug as organisation_slug',
      'a.action',
      'a.subject_type',
      'a.subject_id',
      'a.data',
      'a.created_at as event_created_at',
    ])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
}

export async function saveDeliveryBody(db: Queryable, deliveryId: number, body: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ body })
    .where('id', '=', deliveryId)
    .where('body', 'is', null)
    .execute();
}

export async function recordAttempt(
  db: Queryable,
  deliveryId: number,
  result: {
    state: WebhookDeliveryState;
    attempts: number;
    statusCode: number | null;
    snippet: string | null;
    error: string | null;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      state: result.state,
      attempts: result.attempts,
      status_code: result.statusCode,
      response_snippet: result.snippet,
      last_error: result.error,
      last_attempt_at: now,
      ...(result.state === 'delivered' ? { delivered_at: now } : {}),
    })
    .where('id', '=', deliveryId)
    .execute();
}

export async function cancelDelivery(db: Queryable, deliveryId: number, reason: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ state: 'cancelled', last_error: reason })
    .where('id', '=', deliveryId)
    .where('state', '=', 'pending')
    .execute();
}

/** A delivery of this organisation, with its subscription (for replay). */
export async function findDelivery(db: Queryable, organisationId: number, deliveryPublicId: string) {
  if (!lookupable(deliveryPublicId)) return undefined;
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select([
      'd.id',
      'd.public_id',
      'd.subscription_id',
      'd.audit_event_id',
      'd.event_id',
      'd.event_type',
      'd.body',
      's.public_id as subscription_public_id',
      's.enabled',
    ])
    .where('d.organisation_id', '=', organisationId)
    .where('d.public_id', '=', deliveryPublicId)
    .executeTakeFirst();
}

/** A new delivery of the same event (same event id and body, so receivers can de-duplicate); its job is the caller's. */
export async function insertReplay(
  db: Queryable,
  original: {
    id: number;
    subscription_id: number;
    audit_event_id: number | null;
    event_id: string;
    event_type: string;
    body: string | null;
  },
  organisationId: number,
  now: Date,
): Promise<{ id: number; public_id: string }> {
  const row = await db
    .insertInto('webhook_deliveries')
    .values({
      public_id: publicId('whd'),
      subscription_id: original.subscription_id,
      organisation_id: organisationId,
      audit_event_id: original.audit_event_id,
      event_id: original.event_id,
      event_type: original.event_type,
      replay_of: original.id,
      body: original.body,
      created_at: now,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
  return row;
}

// ---------------------------------------------------------------------------------------------
// What an event's payload refers to (public ids only; read when the payload is first built)

export async function credentialForEvent(db: Queryable, organisationId: number, credentialPublicId: string) {
  return db
    .selectFrom('credentials')
    .select(['public_id', 'credential_id', 'achievement_id', 'achievement_name', 'issued_at', 'valid_until'])
    .where('organisation_id', '=', organisationId)
    .where('public_id', '=', credentialPublicId)
    .executeTakeFirst();
}

/** A completion notice as its recognizer holds it (the old program webhook sent the same). */
export async function noticeForEvent(db: Queryable, recognizerId: number, noticePublicId: string) {
  return db
    .selectFrom('completion_notices as n')
    .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
    .innerJoin('credentials as c', 'c.id', 'n.credential_id')
    .innerJoin('organisations as i', 'i.id', 'c.organisation_id')
    .leftJoin('license_records as l', 'l.id', 'n.license_record_id')
    .select([
      'n.public_id',
      'n.document',
      'n.created_at',
      'p.public_id as program_public_id',
      'p.name as program_name',
      'c.public_id as credential_public_id',
      'c.recipient_email',
      'i.name as issuer_name',
      'l.license_number',
    ])
    .where('p.organisation_id', '=', recognizerId)
    .where('n.public_id', '=', noticePublicId)
    .executeTakeFirst();
}
