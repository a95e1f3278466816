import type { Queryable } from '../../../storage/database.ts';
import { publicId } from '../../../domain/ids.ts';
import type { VersionRow } from './catalog.ts';
import { designToColumns } from './catalog.ts';

/** Reads and writes of micro-credentials and their versions, for the designer's commands and pages. */

export type VersionColumns = ReturnType<typeof designToColumns>;

/** One of the organisation's micro-credentials by its public id, or undefined. */
export function findMicroCredential(db: Queryable, organisationId: number, mcPublicId: string) {
  return db
    .selectFrom('micro_credentials')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('public_id', '=', mcPublicId)
    .executeTakeFirst();
}

/** Whether the organisation already has a micro-credential at this address. */
export async function microCredentialSlugTaken(db: Queryable, organisationId: number, slug: string) {
  const row = await db
    .selectFrom('micro_credentials')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row !== undefined;
}

export function insertMicroCredential(db: Queryable, organisationId: number, slug: string, now: Date) {
  return db
    .insertInto('micro_credentials')
    .values({ public_id: publicId('mc'), organisation_id: organisationId, slug, created_at: now })
    .returning(['id', 'public_id', 'slug'])
    .executeTakeFirstOrThrow();
}

/** Adds a draft version with these columns. */
export async function insertDraftVersion(
  db: Queryable,
  values: {
    microCredentialId: number;
    version: number;
    columns: VersionColumns;
    imageId?: number | null;
    createdBy: number | null;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('micro_credential_versions')
    .values({
      public_id: publicId('mcv'),
      micro_credential_id: values.microCredentialId,
      version: values.version,
      status: 'draft',
      ...values.columns,
      image_id: values.imageId ?? null,
      created_by: values.createdBy,
      created_at: now,
    })
    .execute();
}

/** The micro-credential's draft version, if it has one. */
export function findDraft(db: Queryable, microCredentialId: number): Promise<VersionRow | undefined> {
  return db
    .selectFrom('micro_credential_versions')
    .selectAll()
    .where('micro_credential_id', '=', microCredentialId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
}

/** Every version of a micro-credential, newest first. */
export function listVersions(db: Queryable, microCredentialId: number): Promise<VersionRow[]> {
  return db
    .selectFrom('micro_credential_versions')
    .selectAll()
    .where('micro_credential_id', '=', microCredentialId)
    .orderBy('version', 'desc')
    .execute();
}

export async function updateVersionColumns(db: Queryable, versionId: number, columns: VersionColumns) {
  await db.updateTable('micro_credential_versions').set(columns).where('id', '=', versionId).execute();
}

/** Makes the draft the published version; the one published before is superseded. */
export async function publishVersion(db: Queryable, microCredentialId: number, versionId: number, now: Date) {
  await db
    .updateTable('micro_credential_versions')
    .set({ status: 'superseded' })
    .where('micro_credential_id', '=', microCredentialId)
    .where('status', '=', 'published')
    .execute();
  await db
    .updateTable('micro_credential_versions')
    .set({ status: 'published', published_at: now })
    .where('id', '=', versionId)
    .execute();
}

/** Retires a micro-credential (a date) or brings it back (null). */
export async function setRetiredAt(db: Queryable, microCredentialId: number, at: Date | null) {
  await db
    .updateTable('micro_credentials')
    .set({ retired_at: at })
    .where('id', '=', microCredentialId)
    .execute();
}

/** Which of these member public ids are reviewers of the organisation (their user ids). */
export async function reviewersAmong(db: Queryable, organisationId: number, userPublicIds: string[]) {
  if (!userPublicIds.length) return [];
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('m.organisation_id', '=', organisationId)
    .where('u.public_id', 'in', userPublicIds)
    .where(({ eb, val }) => eb(val('reviewer'), '=', eb.fn.any('m.roles')))
    .execute();
}

/** Replaces a micro-credential's reviewer pool. */
export async function replaceReviewerPool(db: Queryable, microCredentialId: number, userIds: number[]) {
  await db
    .deleteFrom('micro_credential_reviewers')
    .where('micro_credential_id', '=', microCredentialId)
    .execute();
  if (userIds.length)
    await db
      .insertInto('micro_credential_reviewers')
      .values(userIds.map((id) => ({ micro_credential_id: microCredentialId, user_id: id })))
      .execute();
}

/** The designer's list: each micro-credential's draft and published versions, newest first. */
export function listForDesigner(db: Queryable, organisationId: number) {
  return db
    .selectFrom('micro_credentials as m')
    .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
    .select(['m.public_id', 'm.slug', 'm.retired_at', 'v.version', 'v.status', 'v.title'])
    .where('m.organisation_id', '=', organisationId)
    .where('v.status', '!=', 'superseded')
    .orderBy('m.id', 'desc')
    .orderBy('v.version', 'desc')
    .execute();
}

/** Every version of every micro-credential of the organisation, oldest first (the API's list). */
export function listAllVersions(db: Queryable, organisationId: number) {
  return db
    .selectFrom('micro_credentials as m')
    .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
    .select(['m.public_id', 'm.slug', 'm.retired_at', 'v.version', 'v.status', 'v.title', 'v.published_at'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('m.id')
    .orderBy('v.version')
    .execute();
}

/** A badge image's public id, by its key. */
export async function imagePublicId(db: Queryable, imageId: number | null): Promise<string | null> {
  if (imageId === null) return null;
  const row = await db
    .selectFrom('badge_images')
    .select('public_id')
    .where('id', '=', imageId)
    .executeTakeFirst();
  return row?.public_id ?? null;
}
