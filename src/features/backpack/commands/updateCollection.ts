import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { ownCollection } from '../access.ts';
import { saveCollectionDetails } from '../queries/collections.ts';
import { collectionDetails } from './createCollection.ts';
import { auditEarnerAction } from './earnerAudit.ts';

export const updateCollectionInput = collectionDetails.extend({ collection: z.string() });

/** The earner renames or redescribes one of their collections. */
export async function updateCollection(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor; collection: string } & Partial<Record<'name' | 'description', unknown>>,
): Promise<void> {
  const input = parseInput(updateCollectionInput, raw);
  const row = await ownCollection(deps.db, actor.userId, input.collection);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await saveCollectionDetails(tx, row.id, { name: input.name, description: input.description, now });
    await auditEarnerAction(
      tx,
      actor,
      { action: 'collection.updated', subjectType: 'collection', subjectId: row.public_id },
      now,
    );
  });
}
