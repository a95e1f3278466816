import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { ownCollection } from '../access.ts';
import { deleteCollectionItem } from '../queries/collections.ts';
import { auditEarnerAction } from './earnerAudit.ts';

export const removeFromCollectionInput = z.object({ collection: z.string(), item: z.number().int() });

/** Takes a badge out of one of the earner's collections (it stays in the backpack). */
export async function removeFromCollection(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor } & z.input<typeof removeFromCollectionInput>,
): Promise<void> {
  const input = parseInput(removeFromCollectionInput, raw);
  const collection = await ownCollection(deps.db, actor.userId, input.collection);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    if (!(await deleteCollectionItem(tx, collection.id, input.item))) throw notFound('item');
    await auditEarnerAction(
      tx,
      actor,
      {
        action: 'collection.item_removed',
        subjectType: 'collection',
        subjectId: collection.public_id,
        data: { item: input.item },
      },
      now,
    );
  });
}
