import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { ownImportedBadge } from '../access.ts';
import { deleteImportedBadge } from '../queries/importedBadges.ts';
import { auditEarnerAction } from './earnerAudit.ts';

export const removeImportedBadgeInput = z.object({ badge: z.string() });

/** Removes one of the earner's imported badges from the backpack (and from every collection). */
export async function removeImportedBadge(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor } & z.input<typeof removeImportedBadgeInput>,
): Promise<void> {
  const input = parseInput(removeImportedBadgeInput, raw);
  const row = await ownImportedBadge(deps.db, actor.userId, input.badge);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await deleteImportedBadge(tx, row.id);
    await auditEarnerAction(
      tx,
      actor,
      { action: 'badge.import_removed', subjectType: 'imported_credential', subjectId: row.public_id },
      now,
    );
  });
}
