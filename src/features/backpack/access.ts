import { notFound } from '../../domain/errors.ts';
import { hashToken } from '../../domain/ids.ts';
import type { Queryable } from '../../storage/database.ts';
import { collectionBySharedHash, collectionOf } from './queries/collections.ts';
import { importedBadgeOf, sharedImportedBadge } from './queries/importedBadges.ts';
import { issuedBadgesOf, type IssuedBadge } from './queries/issuedBadges.ts';

// The backpack's one access rule: an earner reaches only what they hold. Anything else, theirs
// or someone else's or missing, is not_found (never "forbidden", which would tell it exists).

/** One issued badge the earner holds (not declined), or not_found. */
export async function ownIssuedBadge(
  db: Queryable,
  userId: number,
  credentialPublicId: string,
  now: Date,
): Promise<IssuedBadge> {
  const badge = (await issuedBadgesOf(db, userId, now, { publicId: credentialPublicId })).find(
    (b) => b.claim !== 'declined',
  );
  if (!badge) throw notFound('badge');
  return badge;
}

/** One imported badge of this earner, or not_found (also for everyone else's). */
export async function ownImportedBadge(db: Queryable, userId: number, importedPublicId: string) {
  const row = await importedBadgeOf(db, userId, importedPublicId);
  if (!row) throw notFound('badge');
  return row;
}

export type ImportedBadge = Awaited<ReturnType<typeof ownImportedBadge>>;

/** One of the earner's collections, or not_found (also for anyone else's). */
export async function ownCollection(db: Queryable, userId: number, collectionPublicId: string) {
  const row = await collectionOf(db, userId, collectionPublicId);
  if (!row) throw notFound('collection');
  return row;
}

/** A shared collection by its link token, or not_found (unknown, or no longer shared). */
export async function sharedCollection(db: Queryable, token: string) {
  if (!token || token.length < 20) throw notFound('collection');
  const row = await collectionBySharedHash(db, hashToken(token));
  if (!row) throw notFound('collection');
  return row;
}

/** An imported badge of a shared collection, for anyone with its link; only one in that collection. */
export async function sharedCollectionBadge(db: Queryable, token: string, importedPublicId: string) {
  const collection = await sharedCollection(db, token);
  const row = await sharedImportedBadge(db, collection, importedPublicId);
  if (!row) throw notFound('badge');
  return row;
}
