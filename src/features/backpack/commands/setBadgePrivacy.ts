import { z } from 'zod';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { ownIssuedBadge } from '../access.ts';
import { savePrivacy } from '../queries/issuedBadges.ts';
import { auditEarnerAction } from './earnerAudit.ts';

export const setBadgePrivacyInput = z.object({ badge: z.string(), private: z.boolean() });

/** The earner makes the public page of a badge issued to them private, or public again. */
export async function setBadgePrivacy(
  deps: CommandDeps,
  { actor, ...raw }: { actor: Actor } & z.input<typeof setBadgePrivacyInput>,
): Promise<void> {
  const input = parseInput(setBadgePrivacyInput, raw);
  const now = deps.clock.now();
  const badge = await ownIssuedBadge(deps.db, actor.userId, input.badge, now);
  await inTransaction(deps.db, async (tx) => {
    await savePrivacy(tx, { credentialId: badge.id, userId: actor.userId, now, private: input.private });
    await auditEarnerAction(
      tx,
      actor,
      {
        action: input.private ? 'badge.made_private' : 'badge.made_public',
        subjectType: 'credential',
        subjectId: badge.publicId,
      },
      now,
    );
  });
}
