import type { Queryable } from '../../../storage/database.ts';

/** Marks a notice read, the first time only. */
export async function markNoticeRead(db: Queryable, noticeId: number, now: Date): Promise<void> {
  await db
    .updateTable('completion_notices')
    .set({ read_at: now })
    .where('id', '=', noticeId)
    .where('read_at', 'is', null)
    .execute();
}
