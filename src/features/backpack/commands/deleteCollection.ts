import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { ownCollection } from '../access.ts';
import { deleteCollectionRow } from '../queries/collections.ts';
import { auditEarnerAction } from './earnerAudit.ts';

export const deleteCollectionInput = z.object({ collection: z.string() });

/** The earner deletes one of their collections; its badges stay in the backpack. */
export async function deleteCollection(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor } & z.input<typeof deleteCollectionInput>,
): Promise<void> {
  const input = parseInput(deleteCollectionInput, raw);
  const row = await ownCollection(deps.db, actor.userId, input.collection);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await deleteCollectionRow(tx, row.id);
    await auditEarnerAction(
      tx,
      actor,
      { action: 'collection.deleted', subjectType: 'collection', subjectId: row.public_id },
      now,
    );
  });
}
