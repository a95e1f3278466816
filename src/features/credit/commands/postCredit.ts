import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { markNoticeRead } from '../queries/notices.ts';
import { postCreditInTx } from './creditPosting.ts';
import { officerNotice } from './officerNotice.ts';
import { noticeTarget } from './targets.ts';

/** An officer posts credit for a notice (review programs, or a notice that waited for its license). */
export async function postCredit(
  deps: CommandDeps,
  { actor, ...input }: { actor: Actor } & Record<string, unknown>,
): Promise<{ entryPublicId: string; hours: number } | null> {
  const { orgSlug, notice: noticePublicId } = parseInput(noticeTarget, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { notice } = await officerNotice(tx, orgSlug, actor.userId, noticePublicId);
    const posted = await postCreditInTx(tx, notice.id, actor, now);
    await markNoticeRead(tx, notice.id, now);
    return posted;
  });
}
