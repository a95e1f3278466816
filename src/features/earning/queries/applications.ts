import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';

/** An application the acting earner owns, or not_found. */
export async function earnersApplication(db: Queryable, userId: number, applicationPublicId: string) {
  const app = await db
    .selectFrom('applications')
    .selectAll()
    .where('public_id', '=', applicationPublicId)
    .where('earner_user_id', '=', userId)
    .executeTakeFirst();
  if (!app) throw notFound('That application');
  return app;
}
