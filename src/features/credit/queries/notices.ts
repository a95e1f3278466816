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

/** How each open program's notices reach the recognizer: inbox, digest email, webhook. */
export async function noticeDelivery(db: Queryable, organisationId: number) {
  return db
    .selectFrom('recognition_programs as p')
    .select(['p.public_id', 'p.name', 'p.digest_email'])
    .select((eb) =>
      eb
        .selectFrom('webhook_subscriptions as s')
        .select('s.url')
        .whereRef('s.program_public_id', '=', 'p.public_id')
        .where('s.organisation_id', '=', organisationId)
        .limit(1)
        .as('webhook_url'),
    )
    .where('p.organisation_id', '=', organisationId)
    .where('p.archived_at', 'is', null)
    .orderBy('p.name')
    .execute();
}

/** A recognizer's programs by name (public id and name only). */
export async function recognizerPrograms(db: Queryable, organisationId: number) {
  return db
    .selectFrom('recognition_programs')
    .select(['public_id', 'name'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
}

/** One program of a recognizer (public id and name). */
export async function recognizerProgram(db: Queryable, organisationId: number, programPublicId: string) {
  return db
    .selectFrom('recognition_programs')
    .select(['public_id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('public_id', '=', programPublicId)
    .executeTakeFirst();
}

/** A notice of one of the recognizer's programs (id, public id, state). */
export async function noticeOfRecognizer(db: Queryable, organisationId: number, noticePublicId: string) {
  return db
    .selectFrom('completion_notices as n')
    .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
    .select(['n.id', 'n.public_id', 'n.state'])
    .where('n.public_id', '=', noticePublicId)
    .where('p.organisation_id', '=', organisationId)
    .executeTakeFirst();
}

/** An officer dismisses a notice: no credit is posted for it. */
export async function markNoticeDismissed(
  db: Queryable,
  noticeId: number,
  by: number,
  reason: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('completion_notices')
    .set({ state: 'dismissed', decided_at: now, decided_by: by, dismiss_reason: reason, read_at: now })
    .where('id', '=', noticeId)
    .execute();
}
