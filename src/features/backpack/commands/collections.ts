import { z } from 'zod';
import { conflict, notFound, AppError } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { hashToken, newSecretToken, publicId } from '../../../domain/ids.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import type { ImportedStatus } from '../../../storage/schema.ts';
import { issuedBadgesOf, ownImportedBadge, ownIssuedBadge, type BadgeStatus } from './backpack.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

export const collectionInput = z.object({
  name: z.string().trim().min(1, 'Give the collection a name.').max(100, 'Use at most 100 characters.'),
  description: z.string().trim().max(1000, 'Use at most 1000 characters.').default(''),
});

/** One of the earner's collections, or not_found (also for anyone else's). */
export async function ownCollection(db: Queryable, userId: number, collectionPublicId: string) {
  const row = await db
    .selectFrom('collections')
    .selectAll()
    .where('public_id', '=', collectionPublicId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('That collection');
  return row;
}

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

export async function createCollection(deps: CommandDeps, actor: Actor, input: unknown): Promise<string> {
  const v = parseInput(collectionInput, input);
  const now = deps.clock.now();
  const id = publicId('col');
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insertInto('collections')
      .values({
        public_id: id,
        user_id: actor.userId,
        name: v.name,
        description: v.description,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'collection.created',
        subjectType: 'collection',
        subjectId: id,
        ip: actor.ip,
      },
      now,
    );
  });
  return id;
}

export async function updateCollection(
  deps: CommandDeps,
  actor: Actor,
  collectionPublicId: string,
  input: unknown,
): Promise<void> {
  const v = parseInput(collectionInput, input);
  const row = await ownCollection(deps.db, actor.userId, collectionPublicId);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await tx
      .updateTable('collections')
      .set({ name: v.name, description: v.description, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'collection.updated',
        subjectType: 'collection',
        subjectId: row.public_id,
        ip: actor.ip,
      },
      now,
    );
  });
}

export async function deleteCollection(
  deps: CommandDeps,
  actor: Actor,
  collectionPublicId: string,
): Promise<void> {
  const row = await ownCollection(deps.db, actor.userId, collectionPublicId);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await tx.deleteFrom('collections').where('id', '=', row.id).execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'collection.deleted',
        subjectType: 'collection',
        subjectId: row.public_id,
        ip: actor.ip,
      },
      now,
    );
  });
}

/**
 * Shares a collection by a secret link, or stops sharing it. Only the link's hash is stored, so
 * the link is returned (to show) only here: sharing an already shared collection makes a new link
 * and the old one stops working, as it does when sharing stops.
 */
export async function shareCollection(
  deps: CommandDeps,
  actor: Actor,
  collectionPublicId: string,
  share: boolean,
): Promise<string | null> {
  const row = await ownCollection(deps.db, actor.userId, collectionPublicId);
  const now = deps.clock.now();
  const token = share ? newSecretToken() : null;
  await inTransaction(deps.db, async (tx) => {
    await tx
      .updateTable('collections')
      .set({
        shared: share,
        share_token_hash: token ? hashToken(token) : null,
        shared_at: token ? now : null,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    const action = !share
      ? 'collection.unshared'
      : row.shared
        ? 'collection.share_link_replaced'
        : 'collection.shared';
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action,
        subjectType: 'collection',
        subjectId: row.public_id,
        ip: actor.ip,
      },
      now,
    );
  });
  return token;
}

/** Adds one of the earner's badges (an issued cred_… or an imported imp_…) at the end of a collection. */
export async function addToCollection(
  deps: CommandDeps,
  actor: Actor,
  collectionPublicId: string,
  badgePublicId: string,
): Promise<void> {
  const collection = await ownCollection(deps.db, actor.userId, collectionPublicId);
  const now = deps.clock.now();
  let item: { credential_id: number | null; imported_credential_id: number | null };
  if (badgePublicId.startsWith('imp_'))
    item = {
      credential_id: null,
      imported_credential_id: (await ownImportedBadge(deps.db, actor.userId, badgePublicId)).id,
    };
  else if (badgePublicId)
    item = {
      credential_id: (await ownIssuedBadge(deps.db, actor.userId, badgePublicId, now)).id,
      imported_credential_id: null,
    };
  else throw new AppError('validation_failed', 'Choose a badge to add.', { badge: 'Choose a badge.' });
  await inTransaction(deps.db, async (tx) => {
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
    if (dup) throw conflict(`That badge is already in “${collection.name}”.`);
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
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'collection.item_added',
        subjectType: 'collection',
        subjectId: collection.public_id,
        data: { badge: badgePublicId },
        ip: actor.ip,
      },
      now,
    );
  });
}

export async function removeFromCollection(
  deps: CommandDeps,
  actor: Actor,
  collectionPublicId: string,
  itemId: number,
): Promise<void> {
  const collection = await ownCollection(deps.db, actor.userId, collectionPublicId);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const res = await tx
      .deleteFrom('collection_items')
      .where('id', '=', itemId)
      .where('collection_id', '=', collection.id)
      .executeTakeFirst();
    if (!Number(res.numDeletedRows)) throw notFound('That item');
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'collection.item_removed',
        subjectType: 'collection',
        subjectId: collection.public_id,
        data: { item: itemId },
        ip: actor.ip,
      },
      now,
    );
  });
}

/** Moves an item one place up or down in its collection. */
export async function moveInCollection(
  deps: CommandDeps,
  actor: Actor,
  collectionPublicId: string,
  itemId: number,
  direction: 'up' | 'down',
): Promise<void> {
  const collection = await ownCollection(deps.db, actor.userId, collectionPublicId);
  await inTransaction(deps.db, async (tx) => {
    const items = await tx
      .selectFrom('collection_items')
      .select(['id', 'position'])
      .where('collection_id', '=', collection.id)
      .orderBy('position')
      .orderBy('id')
      .forUpdate()
      .execute();
    const at = items.findIndex((i) => i.id === itemId);
    if (at < 0) throw notFound('That item');
    const other = items[direction === 'up' ? at - 1 : at + 1];
    if (!other) return;
    const order = items.map((i) => i.id);
    order[at] = other.id;
    order[direction === 'up' ? at - 1 : at + 1] = itemId;
    for (const [index, id] of order.entries())
      await tx
        .updateTable('collection_items')
        .set({ position: index + 1 })
        .where('id', '=', id)
        .execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'collection.reordered',
        subjectType: 'collection',
        subjectId: collection.public_id,
        data: { item: itemId, direction },
        ip: actor.ip,
      },
      deps.clock.now(),
    );
  });
}

export type CollectionItem =
  | {
      itemId: number;
      kind: 'issued';
      publicId: string;
      name: string;
      issuerName: string;
      issuedOn: Date | null;
      status: BadgeStatus;
      private: boolean;
    }
  | {
      itemId: number;
      kind: 'imported';
      publicId: string;
      name: string;
      issuerName: string | null;
      issuedOn: Date | null;
      status: ImportedStatus;
      reason: string | null;
      checkedAt: Date;
      format: string;
      hasImage: boolean;
      imageUrl: string | null;
    };

/**
 * The badges of a collection in order. Issued badges the owner no longer holds are left out;
 * `forPublic` also leaves out the ones the owner made private.
 */
export async function collectionItems(
  db: Queryable,
  collection: { id: number; user_id: number },
  now: Date,
  options: { forPublic: boolean },
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
    (await issuedBadgesOf(db, collection.user_id, now, { credentialIds: issuedIds }))
      .filter((b) => b.claim !== 'declined')
      .map((b) => [b.id, b]),
  );
  const importedIds = items.map((i) => i.imported_credential_id).filter((x): x is number => x !== null);
  const imported = new Map(
    importedIds.length
      ? (
          await db
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
            .where('id', 'in', importedIds)
            .where('user_id', '=', collection.user_id)
            .execute()
        ).map((r) => [r.id, r])
      : [],
  );
  const out: CollectionItem[] = [];
  for (const item of items) {
    if (item.credential_id !== null) {
      const b = issued.get(item.credential_id);
      if (!b || (options.forPublic && b.private)) continue;
      out.push({
        itemId: item.id,
        kind: 'issued',
        publicId: b.publicId,
        name: b.name,
        issuerName: b.issuerName,
        issuedOn: b.issuedAt,
        status: b.status,
        private: b.private,
      });
    } else {
      const r = imported.get(item.imported_credential_id!);
      if (!r) continue;
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
        hasImage: r.format === 'png' || r.format === 'svg',
        imageUrl: r.image_url,
      });
    }
  }
  return out;
}

/** A shared collection by its link token, or not_found (unknown, or no longer shared). */
export async function sharedCollection(db: Queryable, token: string) {
  if (!token || token.length < 20) throw notFound('That collection');
  const row = await db
    .selectFrom('collections as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'c.public_id', 'c.user_id', 'c.name', 'c.description', 'u.name as owner_name'])
    .where('c.share_token_hash', '=', hashToken(token))
    .where('c.shared', '=', true)
    .executeTakeFirst();
  if (!row) throw notFound('That collection');
  return row;
}
