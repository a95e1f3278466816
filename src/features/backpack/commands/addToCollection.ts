import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { AppError } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { ownCollection, ownImportedBadge, ownIssuedBadge } from '../access.ts';
import { appendCollectionItem } from '../queries/collections.ts';
import { backpackMessage } from '../messages.ts';
import { auditEarnerAction } from './earnerAudit.ts';

export const addToCollectionInput = z.object({
  collection: z.string(),
  badge: z.string().trim(),
});

/** Adds one of the earner's badges (an issued cred_… or an imported imp_…) at the end of one of their collections. */
export async function addToCollection(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor } & z.input<typeof addToCollectionInput>,
): Promise<void> {
  const input = parseInput(addToCollectionInput, raw);
  if (!input.badge)
    throw new AppError('validation_failed', backpackMessage('chooseBadgeToAdd'), {
      badge: backpackMessage('chooseBadge'),
    });
  const collection = await ownCollection(deps.db, actor.userId, input.collection);
  const now = deps.clock.now();
  const item = input.badge.startsWith('imp_')
    ? {
        credential_id: null,
        imported_credential_id: (await ownImportedBadge(deps.db, actor.userId, input.badge)).id,
      }
    : {
        credential_id: (await ownIssuedBadge(deps.db, actor.userId, input.badge, now)).id,
        imported_credential_id: null,
      };
  await inTransaction(deps.db, async (tx) => {
    await appendCollectionItem(tx, collection, item, now);
    await auditEarnerAction(
      tx,
      actor,
      {
        action: 'collection.item_added',
        subjectType: 'collection',
        subjectId: collection.public_id,
        data: { badge: input.badge },
      },
      now,
    );
  });
}
