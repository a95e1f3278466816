import { z } from 'zod';
import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { officerNotice } from './officerNotice.ts';
import { noticeTarget } from './targets.ts';
import { markNoticeDismissed } from '../queries/notices.ts';
import { creditMessage } from '../messages.ts';

export const dismissInput = z.object({
  reason: z.string().trim().max(500).default(''),
});

/** An officer dismisses a notice (no credit is posted). */
export async function dismissCompletionNotice(
  deps: CommandDeps,
  { actor, ...input }: { actor: Actor } & Record<string, unknown>,
): Promise<void> {
  const { orgSlug, notice: noticePublicId } = parseInput(noticeTarget, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    // Access first: a caller who may not act learns nothing from the body's mistakes.
    const { organisation, notice } = await officerNotice(tx, orgSlug, actor.userId, noticePublicId);
    const { reason } = parseInput(dismissInput, input);
    if (notice.state !== 'new')
      throw conflict(
        creditMessage(notice.state === 'posted' ? 'noticePostedReverse' : 'noticeAlreadyDismissed'),
      );
    await markNoticeDismissed(tx, notice.id, actor.userId, reason || null, now);
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'notice.dismissed',
        subjectType: 'completion_notice',
        subjectId: notice.public_id,
        data: { reason },
        ip: actor.ip,
      },
      now,
    );
  });
}
