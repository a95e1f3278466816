import { can } from '../../../domain/roles.ts';
import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';

/**
 * An evidence file, for those allowed to see it: its earner, a reviewer assigned to one of the
 * application's attempts, and the issuer's staff (applications.read). not_found for anyone else.
 */
export async function evidenceFileFor(db: Queryable, userId: number, filePublicId: string) {
  const file = await db
    .selectFrom('evidence_files as f')
    .innerJoin('applications as p', 'p.id', 'f.application_id')
    .select([
      'f.bytes',
      'f.sha256',
      'f.content_type',
      'f.filename',
      'p.id as application_id',
      'p.earner_user_id',
      'p.organisation_id',
    ])
    .where('f.public_id', '=', filePublicId)
    .executeTakeFirst();
  if (!file) throw notFound('file');
  if (file.earner_user_id === userId) return file;
  const reviewer = await db
    .selectFrom('attempts')
    .select('id')
    .where('application_id', '=', file.application_id)
    .where('reviewer_user_id', '=', userId)
    .executeTakeFirst();
  if (reviewer) return file;
  const membership = await db
    .selectFrom('memberships')
    .select('roles')
    .where('organisation_id', '=', file.organisation_id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (membership && can(membership.roles, 'applications.read')) return file;
  throw notFound('file');
}
