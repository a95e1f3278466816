import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { requireRecognizer } from '../../recognition/index.ts';

/** A notice of one of the recognizer's programs, for an officer who may act on it. */
export async function officerNotice(db: Queryable, slug: string, userId: number, noticePublicId: string) {
  const organisation = await requireRecognizer(db, slug, userId, 'recognition.manage');
  const notice = await db
    .selectFrom('completion_notices as n')
    .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
    .select(['n.id', 'n.public_id', 'n.state'])
    .where('n.public_id', '=', noticePublicId)
    .where('p.organisation_id', '=', organisation.id)
    .executeTakeFirst();
  if (!notice) throw notFound('That notice');
  return { organisation, notice };
}
