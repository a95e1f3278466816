import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { requireRecognizer } from '../../recognition/index.ts';
import { noticeOfRecognizer } from '../queries/notices.ts';

/** A notice of one of the recognizer's programs, for an officer who may act on it. */
export async function officerNotice(db: Queryable, slug: string, userId: number, noticePublicId: string) {
  const organisation = await requireRecognizer(db, slug, userId, 'recognition.manage');
  const notice = await noticeOfRecognizer(db, organisation.id, noticePublicId);
  if (!notice) throw notFound('notice');
  return { organisation, notice };
}
