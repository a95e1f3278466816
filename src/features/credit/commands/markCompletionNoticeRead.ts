import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { markNoticeRead } from '../queries/notices.ts';
import { officerNotice } from './officerNotice.ts';
import { noticeTarget } from './targets.ts';

/** An officer marks a notice read (opening it no longer does: a GET writes nothing). */
export async function markCompletionNoticeRead(
  deps: CommandDeps,
  { actor, ...input }: { actor: Actor } & Record<string, unknown>,
): Promise<void> {
  const { orgSlug, notice: noticePublicId } = parseInput(noticeTarget, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { notice } = await officerNotice(tx, orgSlug, actor.userId, noticePublicId);
    await markNoticeRead(tx, notice.id, now);
  });
}
