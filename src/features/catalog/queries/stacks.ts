import type { Queryable } from '../../../storage/database.ts';
import { publicId } from '../../../domain/ids.ts';

/** Reads and writes of stacks: named, ordered collections of an organisation's micro-credentials. */

/** Which of these micro-credential public ids the organisation has (with their keys). */
export async function microCredentialsAmong(db: Queryable, organisationId: number, publicIds: string[]) {
  if (!publicIds.length) return [];
  return db
    .selectFrom('micro_credentials')
    .select(['id', 'public_id'])
    .where('organisation_id', '=', organisationId)
    .where('public_id', 'in', publicIds)
    .execute();
}

export function findStack(db: Queryable, organisationId: number, stackPublicId: string) {
  return db
    .selectFrom('stacks')
    .select(['id', 'public_id', 'slug'])
    .where('organisation_id', '=', organisationId)
    .where('public_id', '=', stackPublicId)
    .executeTakeFirst();
}

export async function stackSlugTaken(db: Queryable, organisationId: number, slug: string): Promise<boolean> {
  const row = await db
    .selectFrom('stacks')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row !== undefined;
}

export function insertStack(
  db: Queryable,
  values: { organisationId: number; slug: string; name: string; description: string },
  now: Date,
) {
  return db
    .insertInto('stacks')
    .values({
      public_id: publicId('stk'),
      organisation_id: values.organisationId,
      slug: values.slug,
      name: values.name,
      description: values.description,
      created_at: now,
    })
    .returning(['id', 'public_id', 'slug'])
    .executeTakeFirstOrThrow();
}

export async function renameStack(db: Queryable, stackId: number, name: string, description: string) {
  await db.updateTable('stacks').set({ name, description }).where('id', '=', stackId).execute();
}

/** Replaces a stack's members, in this order. */
export async function replaceStackMembers(db: Queryable, stackId: number, microCredentialIds: number[]) {
  await db.deleteFrom('stack_members').where('stack_id', '=', stackId).execute();
  for (const [position, mcId] of microCredentialIds.entries())
    await db
      .insertInto('stack_members')
      .values({ stack_id: stackId, micro_credential_id: mcId, position })
      .execute();
}

/** Removes a stack; false when the organisation has no such stack. */
export async function deleteStackRow(db: Queryable, organisationId: number, stackPublicId: string) {
  const r = await db
    .deleteFrom('stacks')
    .where('organisation_id', '=', organisationId)
    .where('public_id', '=', stackPublicId)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** The organisation's stacks, by name. */
export function listStacks(db: Queryable, organisationId: number) {
  return db
    .selectFrom('stacks')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
}

/** What a stack may hold: the organisation's micro-credentials with a draft or published version (one each). */
export async function stackChoices(db: Queryable, organisationId: number) {
  const rows = await db
    .selectFrom('micro_credentials as m')
    .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
    .select(['m.public_id', 'v.title'])
    .where('m.organisation_id', '=', organisationId)
    .where('v.status', 'in', ['published', 'draft'])
    .orderBy('v.title')
    .execute();
  return [...new Map(rows.map((m) => [m.public_id, m])).values()];
}

/** Every stack's address and name (the catalog's filter), by name. */
export function allStacks(db: Queryable) {
  return db.selectFrom('stacks').select(['slug', 'name']).orderBy('name').limit(200).execute();
}

/** The stacks a micro-credential is in. */
export function stacksOf(db: Queryable, microCredentialId: number) {
  return db
    .selectFrom('stack_members as sm')
    .innerJoin('stacks as s', 's.id', 'sm.stack_id')
    .select(['s.slug', 's.name'])
    .where('sm.micro_credential_id', '=', microCredentialId)
    .execute();
}

/** A stack by organisation and stack address, with its organisation's name. */
export function findPublicStack(db: Queryable, orgSlug: string, stackSlug: string) {
  return db
    .selectFrom('stacks as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 's.name', 's.description', 'o.slug as org_slug', 'o.name as org_name'])
    .where('o.slug', '=', orgSlug)
    .where('s.slug', '=', stackSlug)
    .executeTakeFirst();
}

/** A stack's members that are in the catalog: their published versions, in the stack's order. */
export function listedStackVersions(db: Queryable, stackId: number) {
  return db
    .selectFrom('stack_members as sm')
    .innerJoin('catalog_entries as e', 'e.micro_credential_id', 'sm.micro_credential_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'e.version_id')
    .selectAll('v')
    .select(['e.slug as mc_slug'])
    .where('sm.stack_id', '=', stackId)
    .orderBy('sm.position')
    .execute();
}
