import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { publicId } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { insertCollection } from '../queries/collections.ts';
import { backpackMessage } from '../messages.ts';
import { auditEarnerAction } from './earnerAudit.ts';

/** A collection's name and description, as the earner gives them. */
export const collectionDetails = z.object({
  name: z.string().trim().min(1, backpackMessage('collectionName')).max(100, backpackMessage('max100')),
  description: z.string().trim().max(1000, backpackMessage('max1000')).default(''),
});

/** The earner starts a collection of their badges; returns its public id. */
export async function createCollection(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor } & Partial<Record<keyof z.input<typeof collectionDetails>, unknown>>,
): Promise<string> {
  const input = parseInput(collectionDetails, raw);
  const now = deps.clock.now();
  const id = publicId('col');
  await inTransaction(deps.db, async (tx) => {
    await insertCollection(tx, { publicId: id, userId: actor.userId, ...input, now });
    await auditEarnerAction(
      tx,
      actor,
      { action: 'collection.created', subjectType: 'collection', subjectId: id },
      now,
    );
  });
  return id;
}
