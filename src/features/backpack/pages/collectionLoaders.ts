import type { Queryable } from '../../../storage/database.ts';
import { ownCollection, sharedCollection } from '../access.ts';
import { collectionItems, collectionsOf } from '../queries/collections.ts';
import type { CollectionSummary } from './collectionViews.tsx';
import type { CollectionModel } from './collectionView.tsx';

export async function loadCollections(db: Queryable, userId: number): Promise<CollectionSummary[]> {
  return (await collectionsOf(db, userId)).map((r) => ({
    public_id: r.public_id,
    name: r.name,
    items: Number(r.items),
    shared: r.shared,
    shared_at: r.shared_at,
  }));
}

/**
 * One of the earner's collections (not_found for anyone else's); `newLink` only right after
 * sharing. Badges are named in the Spanish edition for a reader of Spanish, where there is one.
 */
export async function loadCollection(
  db: Queryable,
  userId: number,
  collectionPublicId: string,
  now: Date,
  newLink: string | null = null,
  readerLocale = 'en',
): Promise<CollectionModel> {
  const collection = await ownCollection(db, userId, collectionPublicId);
  const items = await collectionItems(db, collection, now, { forPublic: false, readerLocale });
  return { collection, items, newLink: collection.shared ? newLink : null };
}

/** A shared collection's public badges, for anyone with its link (not_found once it stops), named for its reader. */
export async function loadSharedCollection(db: Queryable, token: string, now: Date, readerLocale = 'en') {
  const collection = await sharedCollection(db, token);
  const items = await collectionItems(db, collection, now, { forPublic: true, readerLocale });
  return { collection, items };
}
