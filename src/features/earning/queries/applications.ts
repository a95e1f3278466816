import { sql, type Insertable } from 'kysely';
import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { ApplicationStatus, Database } from '../../../storage/schema.ts';

/** Statuses of a closed application; the unique index applications_one_open (migration 0012) covers the others. */
const CLOSED: ApplicationStatus[] = ['passed', 'expired', 'withdrawn', 'rejected'];

/** The published version of a micro-credential, with what applying to it needs. */
export function publishedVersionToApply(db: Queryable, mcPublicId: string) {
  return db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .select([
      'v.id',
      'v.version',
      'v.title',
      'v.application_window_months',
      'v.earning_mode',
      'v.application_fee_cents',
      'v.application_fee_currency',
      'm.id as mc_id',
      'm.organisation_id',
      'm.retired_at',
    ])
    .where('m.public_id', '=', mcPublicId)
    .where('v.status', '=', 'published')
    .executeTakeFirst();
}

/** An earner's open (not closed) application to a micro-credential, if any. */
export function openApplicationOf(db: Queryable, userId: number, microCredentialId: number) {
  return db
    .selectFrom('applications')
    .select('public_id')
    .where('earner_user_id', '=', userId)
    .where('micro_credential_id', '=', microCredentialId)
    .where('status', 'not in', CLOSED)
    .executeTakeFirst();
}

/**
 * Inserts an open application, or does nothing (undefined) when the earner already has one open.
 * Two applies at once both pass an earlier check; the unique index applications_one_open lets one
 * insert through and makes the other wait for it, then do nothing.
 */
export function insertOpenApplication(db: Queryable, values: Insertable<Database['applications']>) {
  return (
    db
      .insertInto('applications')
      .values(values)
      // The index's predicate as literals, so PostgreSQL can match it to the index in any plan.
      .onConflict((oc) =>
        oc
          .columns(['earner_user_id', 'micro_credential_id'])
          .where(sql.raw<boolean>(`status not in (${CLOSED.map((x) => `'${x}'`).join(', ')})`))
          .doNothing(),
      )
      .returning(['id', 'public_id'])
      .executeTakeFirst()
  );
}

/** An application the acting earner owns, or not_found. */
export async function earnersApplication(db: Queryable, userId: number, applicationPublicId: string) {
  const app = await db
    .selectFrom('applications')
    .selectAll()
    .where('public_id', '=', applicationPublicId)
    .where('earner_user_id', '=', userId)
    .executeTakeFirst();
  if (!app) throw notFound('application');
  return app;
}

/** A published-or-not micro-credential's public id by its catalog address (organisation and slug). */
export async function microCredentialAt(db: Queryable, orgSlug: string, mcSlug: string) {
  const mc = await db
    .selectFrom('micro_credentials as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select('m.public_id')
    .where('o.slug', '=', orgSlug)
    .where('m.slug', '=', mcSlug)
    .executeTakeFirst();
  if (!mc) throw notFound('microCredential');
  return mc.public_id;
}

/** An earner's applications, newest first, with the title of the version applied to. */
export function earnersApplications(db: Queryable, userId: number) {
  return db
    .selectFrom('applications as p')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .select(['p.public_id', 'p.status', 'p.deadline_at', 'p.attempts', 'v.title'])
    .where('p.earner_user_id', '=', userId)
    .orderBy('p.id', 'desc')
    .execute();
}

/** The version an application was made to. */
export function applicationVersion(db: Queryable, versionId: number) {
  return db
    .selectFrom('micro_credential_versions')
    .selectAll()
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
}

/** An application's evidence draft, its files and its attempts (newest first). */
export async function applicationEvidence(db: Queryable, applicationId: number) {
  const [items, files, attempts] = await Promise.all([
    db.selectFrom('evidence_items').selectAll().where('application_id', '=', applicationId).execute(),
    db
      .selectFrom('evidence_files')
      .select(['id', 'public_id', 'filename'])
      .where('application_id', '=', applicationId)
      .execute(),
    db
      .selectFrom('attempts')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('number', 'desc')
      .execute(),
  ]);
  return { items, files, attempts };
}

/** The public id of the credential issued for an application, if any. */
export function issuedCredential(db: Queryable, credentialId: number) {
  return db.selectFrom('credentials').select('public_id').where('id', '=', credentialId).executeTakeFirst();
}

/** The ids of an earner's applications, newest first. */
export async function earnersApplicationIds(db: Queryable, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('applications')
    .select('id')
    .where('earner_user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

/** The id of one of an organisation's applications, or not_found. */
export async function organisationApplicationId(db: Queryable, organisationId: number, publicIdOf: string) {
  const app = await db
    .selectFrom('applications')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('public_id', '=', publicIdOf)
    .executeTakeFirst();
  if (!app) throw notFound('application');
  return app.id;
}

/** Everything the API shows of an application: its version, evidence draft, attempts and credential. */
export async function applicationRecord(db: Queryable, appId: number) {
  const [issued, base, evidence, attempts] = await Promise.all([
    db
      .selectFrom('applications as p')
      .innerJoin('credentials as c', 'c.id', 'p.credential_id')
      .select(['c.public_id as credential'])
      .where('p.id', '=', appId)
      .executeTakeFirst(),
    db
      .selectFrom('applications as p')
      .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
      .select([
        'p.public_id',
        'p.status',
        'p.deadline_at',
        'p.attempts',
        'v.title',
        'v.version',
        'v.evidence_parts',
        'v.rubric',
      ])
      .where('p.id', '=', appId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('evidence_items')
      .selectAll()
      .where('application_id', '=', appId)
      .orderBy('part_index')
      .execute(),
    db
      .selectFrom('attempts')
      .select(['number', 'submitted_at', 'decision', 'scores', 'feedback', 'overall_feedback', 'reviewed_at'])
      .where('application_id', '=', appId)
      .orderBy('number')
      .execute(),
  ]);
  return { credential: issued?.credential ?? null, base, evidence, attempts };
}
