import { sql } from 'kysely';
import { publicId } from '../../../domain/ids.ts';
import {
  emptyBitstring,
  MIN_STATUS_LIST_SIZE,
  randomIndex,
} from '../../../credentials/bitstringStatusList.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { StatusList } from '../../../storage/schema.ts';

export type StatusPurpose = 'revocation' | 'suspension';

/** The list of an organisation that new credentials get an entry in: one not yet half full. */
export async function openStatusList(
  db: Queryable,
  organisationId: number,
  purpose: StatusPurpose,
): Promise<StatusList | undefined> {
  // Fill a list to half, then start another: random picks stay fast and herds stay large.
  return db
    .selectFrom('status_lists')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('purpose', '=', purpose)
    .where(({ eb, ref }) => eb('used', '<', eb(ref('size'), '/', 2)))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** A new, empty list (not signed yet: signed_version -1). */
export async function createStatusList(
  db: Queryable,
  organisationId: number,
  purpose: StatusPurpose,
  now: Date,
): Promise<StatusList> {
  return db
    .insertInto('status_lists')
    .values({
      public_id: publicId('sl'),
      organisation_id: organisationId,
      purpose,
      size: MIN_STATUS_LIST_SIZE,
      bits: emptyBitstring(),
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Picks a random free index in a list (the unique constraint settles races at insert). */
export async function pickFreeIndex(db: Queryable, list: StatusList): Promise<number> {
  for (let round = 0; round < 8; round++) {
    const candidates = Array.from({ length: 16 }, () => randomIndex(list.size, () => false)!);
    const taken = await db
      .selectFrom('status_entries')
      .select('list_index')
      .where('status_list_id', '=', list.id)
      .where('list_index', 'in', candidates)
      .execute();
    const used = new Set(taken.map((t) => t.list_index));
    const free = candidates.find((c) => !used.has(c));
    if (free !== undefined) return free;
  }
  throw new Error(`Status list ${list.public_id} has no free index`);
}

/** Records the entries of an issued credential and counts them against their lists. */
export async function recordStatusEntries(
  db: Queryable,
  credentialId: number,
  entries: Array<{ list: StatusList; index: number }>,
): Promise<void> {
  for (const { list, index } of entries) {
    await db
      .insertInto('status_entries')
      .values({ credential_id: credentialId, status_list_id: list.id, list_index: index })
      .execute();
    await db
      .updateTable('status_lists')
      .set((eb) => ({ used: eb('used', '+', 1) }))
      .where('id', '=', list.id)
      .execute();
  }
}

/** What GET /status/:id serves: the list's last signed document and its version (null: never signed). */
export function servedStatusList(db: Queryable, listPublicId: string) {
  return db
    .selectFrom('status_lists')
    .select(['signed_document', 'signed_version'])
    .where('public_id', '=', listPublicId)
    .executeTakeFirst();
}

/** A list by public id. */
export async function findStatusList(db: Queryable, listPublicId: string): Promise<StatusList | undefined> {
  return db.selectFrom('status_lists').selectAll().where('public_id', '=', listPublicId).executeTakeFirst();
}

/**
 * The status bit of a status entry, read in SQL (`e` = status_entries, `l` = status_lists), most
 * significant bit first as Bitstring Status List orders them: no whole list leaves the database.
 */
export const statusBitSql = sql<number>`(get_byte(l.bits, e.list_index / 8) >> (7 - e.list_index % 8)) & 1`;
