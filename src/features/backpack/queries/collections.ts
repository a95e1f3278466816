import type { Queryable } from '../../../storage/database.ts';
import type { ImportedStatus } from '../../../storage/schema.ts';
import { conflict } from '../../../domain/errors.ts';
import { isImage } from '../importedFiles.ts';
import { backpackMessage } from '../messages.ts';
import { issuedBadgesOf, type BadgeStatus } from './issuedBadges.ts';

/** One of the earner's collections, or undefined (also for anyone else's). */
export async function collectionOf(db: Queryable, userId: number, collectionPublicId: string) {
  return db
    .selectFrom('collections')
    .selectAll()
    .where('public_id', '=', collectionPublicId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export type Collection = NonNullable<Awaited<ReturnType<typeof collectionOf>>>;

/** The earner's collections with how many badges each holds. */
export async function collectionsOf(db: Queryable, userId: number) {
  return db
    .selectFrom('collections as c')
    .leftJoin('collection_items as i', 'i.collection_id', 'c.id')
    .select((eb) => [
      'c.id',
      'c.public_id',
      'c.name',
      'c.description',
      'c.shared',
      'c.shared_at',
      'c.updated_at',
      eb.fn.count<number>('i.id').as('items'),
    ])
    .where('c.user_id', '=', userId)
    .groupBy('c.id')
    .orderBy('c.id')
    .execute();
}

/** A shared collection by the hash of its link, with its owner's name. */
export async function collectionBySharedHash(db: Queryable, tokenHash: string) {
  return db
    .selectFrom('collections as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'c.public_id', 'c.user_id', 'c.name', 'c.description', 'u.name as owner_name'])
    .where('c.share_token_hash', '=', tokenHash)
    .where('c.shared', '=', true)
    .executeTakeFirst();
}

export async function insertCollection(
  db: Queryable,
  row: { publicId: string; userId: number; name: string; description: string; now: Date },
): Promise<void> {
  await db
    .insertInto('collections')
    .values({
      public_id: row.publicId,
      user_id: row.userId,
      name: row.name,
      description: row.description,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function saveCollectionDetails(
  db: Queryable,
  id: number,
  details: { name: string; description: string; now: Date },
): Promise<void> {
  await db
    .updateTable('collections')
    .set({ name: details.name, description: details.description, updated_at: details.now })
    .where('id', '=', id)
    .execute();
}

export async function deleteCollectionRow(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('collections').where('id', '=', id).execute();
}

/** Shares by the hash of a new link (or stops sharing with null). */
export async function saveCollectionSharing(
  db: Queryable,
  id: number,
  sharing: { tokenHash: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable('collections')
    .set({
      shared: sharing.tokenHash !== null,
      share_token_hash: sharing.tokenHash,
      shared_at: sharing.tokenHash ? sharing.now : null,
      updated_at: sharing.now,
    })
    .where('id', '=', id)
    .execute();
}

/** Appends a badge to a collection (inside the caller's transaction); a badge already there is a conflict. */
export async function appendCollectionItem(
  tx: Queryable,
  collection: { id: number; name: string },
  item: { credential_id: number | null; imported_credential_id: number | null },
  now: Date,
): Promise<void> {
  await tx.selectFrom('collections').select('id').where('id', '=', collection.id).forUpdate().execute();
  const dup = await tx
    .selectFrom('collection_items')
    .select('id')
    .where('collection_id', '=', collection.id)
    .where((eb) =>
      item.credential_id !== null
        ? eb('credential_id', '=', item.credential_id)
        : eb('imported_credential_id', '=', item.imported_credential_id),
    )
    .executeTakeFirst();
  if (dup) throw conflict(backpackMessage('alreadyInCollection', { name: collection.name }));
  const last = await tx
    .selectFrom('collection_items')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('collection_id', '=', collection.id)
    .executeTakeFirst();
  await tx
    .insertInto('collection_items')
    .values({ collection_id: collection.id, ...item, position: (last?.max ?? 0) + 1 })
    .execute();
  await tx.updateTable('collections').set({ updated_at: now }).where('id', '=', collection.id).execute();
}

/** Removes one item of a collection; whether there was one. */
export async function deleteCollectionItem(db: Queryable, collectionId: number, itemId: number) {
  const res = await db
    .deleteFrom('collection_items')
    .where('id', '=', itemId)
    .where('collection_id', '=', collectionId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Swaps an item with its neighbour (inside the caller's transaction): moved, already at that end, or missing. */
export async function moveCollectionItem(
  tx: Queryable,
  collectionId: number,
  itemId: number,
  direction: 'up' | 'down',
): Promise<'moved' | 'at_end' | 'missing'> {
  const items = await tx
    .selectFrom('collection_items')
    .select(['id', 'position'])
    .where('collection_id', '=', collectionId)
    .orderBy('position')
    .orderBy('id')
    .forUpdate()
    .execute();
  const at = items.findIndex((i) => i.id === itemId);
  if (at < 0) return 'missing';
  const to = direction === 'up' ? at - 1 : at + 1;
  const other = items[to];
  if (!other) return 'at_end';
  const order = items.map((i) => i.id);
  order[at] = other.id;
  order[to] = itemId;
  for (const [index, id] of order.entries())
    await tx
      .updateTable('collection_items')
      .set({ position: index + 1 })
      .where('id', '=', id)
      .execute();
  return 'moved';
}

export type CollectionItem =
  | {
      itemId: number;
      kind: 'issued';
      publicId: string;
      name: string;
      /** The language `name` is written in (the Spanish edition's, for a Spanish reader who is shown it). */
      nameLanguage: string;
      issuerName: string;
      issuedOn: Date | null;
      status: BadgeStatus;
      private: boolean;
    }
  | {
      itemId: number;
      kind: 'imported';
      publicId: string;
      /** Null when the badge names itself nowhere (worded as untitled when shown). */
      name: string | null;
      issuerName: string | null;
      issuedOn: Date | null;
      status: ImportedStatus;
      reason: string | null;
      checkedAt: Date;
      format: string;
      hasImage: boolean;
      imageUrl: string | null;
    };

async function importedItemRows(db: Queryable, userId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('imported_credentials')
    .select([
      'id',
      'public_id',
      'name',
      'issuer_name',
      'issued_on',
      'status',
      'failure_reason',
      'checked_at',
      'format',
      'image_url',
    ])
    .where('id', 'in', ids)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * The badges of a collection in order (three queries whatever its size). Issued badges the owner
 * no longer holds are left out; `forPublic` also leaves out the ones the owner made private.
 * Issued badges are named for a reader of `readerLocale`: the Spanish edition's name for a
 * reader of Spanish, where the issuer wrote one.
 */
export async function collectionItems(
  db: Queryable,
  collection: { id: number; user_id: number },
  now: Date,
  options: { forPublic: boolean; readerLocale?: string },
): Promise<CollectionItem[]> {
  const items = await db
    .selectFrom('collection_items')
    .select(['id', 'credential_id', 'imported_credential_id'])
    .where('collection_id', '=', collection.id)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const issuedIds = items.map((i) => i.credential_id).filter((x): x is number => x !== null);
  const issued = new Map(
    (await issuedBadgesOf(db, collection.user_id, now, { credentialIds: issuedIds }, options.readerLocale))
      .filter((b) => b.claim !== 'declined')
      .map((b) => [b.id, b]),
  );
  const importedIds = items.map((i) => i.imported_credential_id).filter((x): x is number => x !== null);
  const imported = new Map(
    (await importedItemRows(db, collection.user_id, importedIds)).map((r) => [r.id, r]),
  );
  const out: CollectionItem[] = [];
  for (const item of items) {
    const b = item.credential_id !== null ? issued.get(item.credential_id) : undefined;
    if (b && !(options.forPublic && b.private)) {
      const { publicId, name, nameLanguage, issuerName, issuedAt: issuedOn, status } = b;
      out.push({
        itemId: item.id,
        kind: 'issued',
        publicId,
        name,
        nameLanguage,
        issuerName,
        issuedOn,
        status,
        private: b.private,
      });
    }
    const r = item.imported_credential_id !== null ? imported.get(item.imported_credential_id) : undefined;
    if (r)
      out.push({
        itemId: item.id,
        kind: 'imported',
        publicId: r.public_id,
        name: r.name,
        issuerName: r.issuer_name,
        issuedOn: r.issued_on,
        status: r.status,
        reason: r.failure_reason,
        checkedAt: r.checked_at,
        format: r.format,
        hasImage: isImage(r.format),
        imageUrl: r.image_url,
      });
  }
  return out;
}
