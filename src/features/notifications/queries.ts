import { sql } from 'kysely';
import type { Queryable } from '../../storage/database.ts';
import type { NotificationEmailState } from '../../storage/schema.ts';
import { DEFAULT_DELIVERY, NOTIFICATION_KIND_LIST, type Delivery, type NotificationKind } from './kinds.ts';

/** Every statement of the notifications feature. Each one about a person's inbox takes their user id. */

/** The most notifications one inbox page shows. */
export const INBOX_PAGE_SIZE = 25;

const lookupable = (value: string) => /^[A-Za-z0-9_-]{1,100}$/.test(value);

export interface NotificationRow {
  id: number;
  public_id: string;
  kind: string;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const columns = ['n.id', 'n.public_id', 'n.kind', 'n.data', 'n.created_at', 'n.read_at'] as const;

/** One page of a person's inbox, newest first; `before` is the last id of the previous page (keyset). Reads one more row to know whether more follow. */
export async function inboxPage(
  db: Queryable,
  userId: number,
  options: { before?: number; unreadOnly?: boolean; limit?: number } = {},
): Promise<{ rows: NotificationRow[]; more: boolean }> {
  const limit = options.limit ?? INBOX_PAGE_SIZE;
  let q = db.selectFrom('notifications as n').select(columns).where('n.user_id', '=', userId);
  if (options.before) q = q.where('n.id', '<', options.before);
  if (options.unreadOnly) q = q.where('n.read_at', 'is', null);
  const rows = await q
    .orderBy('n.id', 'desc')
    .limit(limit + 1)
    .execute();
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

export async function unreadCount(db: Queryable, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One of the person's notifications (undefined when it is someone else's: callers answer 404). */
export async function findOwnNotification(
  db: Queryable,
  userId: number,
  publicId: string,
): Promise<NotificationRow | undefined> {
  if (!lookupable(publicId)) return undefined;
  return db
    .selectFrom('notifications as n')
    .select(columns)
    .where('n.user_id', '=', userId)
    .where('n.public_id', '=', publicId)
    .executeTakeFirst();
}

/** Marks one of the person's notifications read; false when it is not theirs. */
export async function markRead(db: Queryable, userId: number, publicId: string, now: Date): Promise<boolean> {
  if (!lookupable(publicId)) return false;
  const r = await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, ${now})` })
    .where('user_id', '=', userId)
    .where('public_id', '=', publicId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markAllRead(db: Queryable, userId: number, now: Date): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The person's choice for every kind (the default where they made none). */
export async function preferencesOf(
  db: Queryable,
  userId: number,
): Promise<Record<NotificationKind, Delivery>> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['kind', 'delivery'])
    .where('user_id', '=', userId)
    .execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return Object.fromEntries(
    NOTIFICATION_KIND_LIST.map((k) => [k, chosen.get(k) ?? DEFAULT_DELIVERY]),
  ) as Record<NotificationKind, Delivery>;
}

export async function savePreferences(
  db: Queryable,
  userId: number,
  choices: Partial<Record<NotificationKind, Delivery>>,
  now: Date,
): Promise<void> {
  const values = Object.entries(choices).map(([kind, delivery]) => ({
    user_id: userId,
    kind,
    delivery: delivery as Delivery,
    updated_at: now,
  }));
  if (!values.length) return;
  await db
    .insertInto('notification_preferences')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({
        delivery: eb.ref('excluded.delivery'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** What the email job needs: the notification, locked, with its person's name and primary address. */
export async function notificationForEmail(db: Queryable, notificationId: number) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('user_emails as e', (j) => j.onRef('e.user_id', '=', 'n.user_id').on('e.is_primary', '=', true))
    .select([
      'n.id',
      'n.public_id',
      'n.kind',
      'n.data',
      'n.email',
      'n.organisation_id',
      'u.name',
      'u.deleted_at',
      'e.email as address',
    ])
    .where('n.id', '=', notificationId)
    .forUpdate('n')
    .executeTakeFirst();
}

export async function setEmailState(
  db: Queryable,
  ids: number[],
  state: NotificationEmailState,
  now: Date,
): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('notifications')
    .set({ email: state, emailed_at: now })
    .where('id', 'in', ids)
    .execute();
}

/** People with digest items waiting, created before `until`. */
export async function digestRecipients(db: Queryable, until: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('user_id')
    .distinct()
    .where('email', '=', 'digest')
    .where('created_at', '<', until)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** One person's waiting digest items (locked, so two digest runs never send one twice), oldest first. */
export async function digestItemsOf(db: Queryable, userId: number, until: Date) {
  return db
    .selectFrom('notifications as n')
    .select(['n.id', 'n.kind', 'n.data', 'n.created_at'])
    .where('n.user_id', '=', userId)
    .where('n.email', '=', 'digest')
    .where('n.created_at', '<', until)
    .orderBy('n.id')
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function personForDigest(db: Queryable, userId: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('user_emails as e', (j) => j.onRef('e.user_id', '=', 'u.id').on('e.is_primary', '=', true))
    .select(['u.name', 'u.deleted_at', 'e.email as address'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
