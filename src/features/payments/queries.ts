import { can } from '../../domain/roles.ts';
import { notFound } from '../../domain/errors.ts';
import type { Queryable } from '../../storage/database.ts';

/**
 * SQL of the payments pages. (The fee commands still hold their own statements in
 * commands/proofApplications.ts; see the note there.)
 */

/** A payment with its application and organisation, for its earner or the issuer's staff; not_found for anyone else. */
export async function paymentFor(db: Queryable, viewerId: number, paymentPublicId: string) {
  const payment = await db
    .selectFrom('payments as y')
    .innerJoin('applications as p', 'p.id', 'y.application_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .innerJoin('organisations as o', 'o.id', 'y.organisation_id')
    .innerJoin('users as u', 'u.id', 'p.earner_user_id')
    .selectAll('y')
    .select([
      'p.public_id as application_public_id',
      'p.earner_user_id',
      'v.title',
      'o.name as org_name',
      'o.slug as org_slug',
      'u.name as earner_name',
    ])
    .where('y.public_id', '=', paymentPublicId)
    .executeTakeFirst();
  if (!payment) throw notFound('That invoice');
  if (payment.earner_user_id !== viewerId) {
    const m = await db
      .selectFrom('memberships')
      .select('roles')
      .where('organisation_id', '=', payment.organisation_id)
      .where('user_id', '=', viewerId)
      .executeTakeFirst();
    if (!m || !can(m.roles, 'applications.read')) throw notFound('That invoice');
  }
  return payment;
}

/** The title of the version an application was made to. */
export function versionTitle(db: Queryable, versionId: number) {
  return db
    .selectFrom('micro_credential_versions')
    .select(['title'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
}

/** An application's uploaded certificate (evidence part 0) and its attempts, newest first. */
export function certificateAndAttempts(db: Queryable, applicationId: number) {
  return Promise.all([
    db
      .selectFrom('evidence_items as e')
      .innerJoin('evidence_files as f', 'f.id', 'e.file_id')
      .select(['f.public_id', 'f.filename'])
      .where('e.application_id', '=', applicationId)
      .where('e.part_index', '=', 0)
      .executeTakeFirst(),
    db
      .selectFrom('attempts')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('number', 'desc')
      .execute(),
  ]);
}
