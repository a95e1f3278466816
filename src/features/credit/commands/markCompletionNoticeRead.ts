import { inTransaction } from '../../../storage/database.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { markNoticeRead } from '../queries/notices.ts';
import { officerNotice } from './officerNotice.ts';

/** An officer marks a notice read (opening it no longer does: a GET writes nothing). */
export async function markCompletionNoticeRead(
  deps: CommandDeps,
  { actor, orgSlug, notice: noticePublicId }: { actor: Actor; orgSlug: string; notice: string },
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { notice } = await officerNotice(tx, orgSlug, actor.userId, noticePublicId);
    await markNoticeRead(tx, notice.id, now);
  });
}
