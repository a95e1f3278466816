import type { Queryable } from '../../../storage/database.ts';
import { collectionsOf } from '../queries/collections.ts';
import { importedBadgesOf, type ImportedBadgeSummary } from '../queries/importedBadges.ts';
import { issuedBadgesOf, type IssuedBadge } from '../queries/issuedBadges.ts';
import type { CollectionChoice } from './parts.tsx';

/** What the backpack page shows: every badge the earner holds, by claim state, and their collections. */
export interface BackpackModel {
  pending: IssuedBadge[];
  held: IssuedBadge[];
  declined: IssuedBadge[];
  imported: ImportedBadgeSummary[];
  collections: CollectionChoice[];
}

/** Three list queries (issued, imported, collections), whatever the number of badges; names in the reader's language where the issuer wrote a Spanish edition. */
export async function loadBackpack(
  db: Queryable,
  userId: number,
  now: Date,
  readerLocale = 'en',
): Promise<BackpackModel> {
  const [issued, imported, collections] = await Promise.all([
    issuedBadgesOf(db, userId, now, {}, readerLocale),
    importedBadgesOf(db, userId),
    collectionsOf(db, userId),
  ]);
  return {
    pending: issued.filter((b) => b.claim === 'pending'),
    held: issued.filter((b) => b.claim === 'accepted' || b.claim === null),
    declined: issued.filter((b) => b.claim === 'declined'),
    imported,
    collections: collections.map((c) => ({ public_id: c.public_id, name: c.name })),
  };
}
