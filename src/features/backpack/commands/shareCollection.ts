import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { hashToken, newSecretToken } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { ownCollection } from '../access.ts';
import { saveCollectionSharing } from '../queries/collections.ts';
import { auditEarnerAction } from './earnerAudit.ts';

export const shareCollectionInput = z.object({ collection: z.string(), share: z.boolean() });

/**
 * Shares a collection by a secret link, or stops sharing it. Only the link's hash is stored, so
 * the link is returned (to show) only here: sharing an already shared collection makes a new link
 * and the old one stops working, as it does when sharing stops.
 */
export async function shareCollection(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor } & z.input<typeof shareCollectionInput>,
): Promise<string | null> {
  const input = parseInput(shareCollectionInput, raw);
  const row = await ownCollection(deps.db, actor.userId, input.collection);
  const now = deps.clock.now();
  const token = input.share ? newSecretToken() : null;
  const action = !input.share
    ? 'collection.unshared'
    : row.shared
      ? 'collection.share_link_replaced'
      : 'collection.shared';
  await inTransaction(deps.db, async (tx) => {
    await saveCollectionSharing(tx, row.id, { tokenHash: token ? hashToken(token) : null, now });
    await auditEarnerAction(tx, actor, { action, subjectType: 'collection', subjectId: row.public_id }, now);
  });
  return token;
}
