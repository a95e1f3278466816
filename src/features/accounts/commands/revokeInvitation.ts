import { z } from 'zod';
import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireMember } from '../organisationAccess.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';
import { accountMessage } from '../messages.ts';

export const revokeInvitationInput = z.object({
  slug: z.string().min(1),
  invitationPublicId: z.string().min(1),
});

/** Withdraws a pending invitation. */
export async function revokeInvitation(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions,
): Promise<void> {
  const { slug, invitationPublicId } = parseInput(revokeInvitationInput, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, slug, actor.userId, 'invitations.manage');
    const r = await tx
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('organisation_id', '=', organisation.id)
      .where('public_id', '=', invitationPublicId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw conflict(accountMessage('invitationNotPending'));
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'invitation.revoked',
        subjectType: 'invitation',
        subjectId: invitationPublicId,
        ip: actor.ip,
      },
      now,
    );
  });
}
