import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { ownIssuedBadge } from '../access.ts';
import { savePrivacy } from '../queries/issuedBadges.ts';
import { auditEarnerAction } from './earnerAudit.ts';

export const setBadgeNameShownInput = z.object({ badge: z.string(), show: z.boolean() });

/** Whether the badge's public page names its holder ("Issued to <name>"); shown unless the earner hides it. */
export async function setBadgeNameShown(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor } & z.input<typeof setBadgeNameShownInput>,
): Promise<void> {
  const input = parseInput(setBadgeNameShownInput, raw);
  const now = deps.clock.now();
  const badge = await ownIssuedBadge(deps.db, actor.userId, input.badge, now);
  await inTransaction(deps.db, async (tx) => {
    await savePrivacy(tx, { credentialId: badge.id, userId: actor.userId, now, showName: input.show });
    await auditEarnerAction(
      tx,
      actor,
      {
        action: input.show ? 'badge.name_shown' : 'badge.name_hidden',
        subjectType: 'credential',
        subjectId: badge.publicId,
      },
      now,
    );
  });
}
