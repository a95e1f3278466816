import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { ownCollection } from '../access.ts';
import { moveCollectionItem } from '../queries/collections.ts';
import { auditEarnerAction } from './earnerAudit.ts';

export const moveInCollectionInput = z.object({
  collection: z.string(),
  item: z.number().int(),
  direction: z.enum(['up', 'down']),
});

/** Moves a badge one place up or down in one of the earner's collections. */
export async function moveInCollection(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor } & z.input<typeof moveInCollectionInput>,
): Promise<void> {
  const input = parseInput(moveInCollectionInput, raw);
  const collection = await ownCollection(deps.db, actor.userId, input.collection);
  await inTransaction(deps.db, async (tx) => {
    const moved = await moveCollectionItem(tx, collection.id, input.item, input.direction);
    if (moved === 'missing') throw notFound('item');
    if (moved === 'at_end') return;
    await auditEarnerAction(
      tx,
      actor,
      {
        action: 'collection.reordered',
        subjectType: 'collection',
        subjectId: collection.public_id,
        data: { item: input.item, direction: input.direction },
      },
      deps.clock.now(),
    );
  });
}
