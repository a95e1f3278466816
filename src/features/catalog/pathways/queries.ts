import type { Queryable } from '../../../storage/database.ts';
import type { Requirement } from './pathway.ts';
import { publicId } from '../../../domain/ids.ts';

/** Every read and write of pathways; loaders turn the reads into view models. */

export interface PathwayRow {
  id: number;
  public_id: string;
  organisation_id: number;
  slug: string;
  name: string;
  description: string;
  achievement_type: string;
  requirement: Requirement;
  organisation_slug: string;
  organisation_name: string;
}

const pathwayColumns = [
  'p.id',
  'p.public_id',
  'p.organisation_id',
  'p.slug',
  'p.name',
  'p.description',
  'p.achievement_type',
  'p.requirement',
  'o.slug as organisation_slug',
  'o.name as organisation_name',
] as const;

/** One pathway by its public id (any organisation's: pathways are public), or undefined. */
export async function findPathway(
  db: Queryable,
  pathwayPublicId: string,
  organisationId?: number,
): Promise<PathwayRow | undefined> {
  let q = db
    .selectFrom('pathways as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(pathwayColumns)
    .where('p.public_id', '=', pathwayPublicId);
  if (organisationId !== undefined) q = q.where('p.organisation_id', '=', organisationId);
  const row = await q.executeTakeFirst();
  return row ? { ...row, requirement: row.requirement as Requirement } : undefined;
}

/** The organisation's pathways, by name. */
export async function listPathways(db: Queryable, organisationId: number): Promise<PathwayRow[]> {
  const rows = await db
    .selectFrom('pathways as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(pathwayColumns)
    .where('p.organisation_id', '=', organisationId)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, requirement: r.requirement as Requirement }));
}

/** Every pathway of the organisation, by public id → requirement (for nested pathways). */
export async function requirementsOf(
  db: Queryable,
  organisationId: number,
): Promise<Map<string, Requirement>> {
  const rows = await db
    .selectFrom('pathways')
    .select(['public_id', 'requirement'])
    .where('organisation_id', '=', organisationId)
    .execute();
  return new Map(rows.map((r) => [r.public_id, r.requirement as Requirement]));
}

/** The organisation's catalog: its published, live micro-credentials (what a pathway step may name). */
export function catalogChoices(db: Queryable, organisationId: number) {
  return db
    .selectFrom('catalog_entries')
    .select(['public_id', 'slug', 'title', 'organisation_slug'])
    .where('organisation_id', '=', organisationId)
    .orderBy('title')
    .orderBy('public_id')
    .execute();
}

/** Titles and catalog addresses of the organisation's micro-credentials (latest version's title; listed only when in the catalog). */
export async function microCredentialNames(
  db: Queryable,
  organisationId: number,
  ids: string[],
): Promise<Map<string, { title: string; slug: string; inCatalog: boolean }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('micro_credentials as m')
    .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
    .leftJoin('catalog_entries as e', 'e.micro_credential_id', 'm.id')
    .select(['m.public_id', 'm.slug', 'v.title', 'v.version', 'e.public_id as listed'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.public_id', 'in', ids)
    .orderBy('v.version')
    .execute();
  const out = new Map<string, { title: string; slug: string; inCatalog: boolean }>();
  for (const r of rows) out.set(r.public_id, { title: r.title, slug: r.slug, inCatalog: r.listed !== null });
  return out;
}

/** The person's confirmed email addresses (their credentials are found by these). */
export async function confirmedEmails(db: Queryable, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('user_emails')
    .select('email')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .execute();
  return rows.map((r) => r.email);
}

/** Whether another pathway of the organisation already has this address. */
export async function slugTaken(
  db: Queryable,
  organisationId: number,
  slug: string,
  exceptId?: number,
): Promise<boolean> {
  let q = db
    .selectFrom('pathways')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Which of these pathway public ids the organisation has. */
export async function ownedPathways(
  db: Queryable,
  organisationId: number,
  ids: string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('pathways')
    .select('public_id')
    .where('organisation_id', '=', organisationId)
    .where('public_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.public_id));
}

export function insertPathway(
  db: Queryable,
  values: {
    organisationId: number;
    slug: string;
    name: string;
    description: string;
    achievementType: string;
    requirement: Requirement;
  },
  now: Date,
) {
  return db
    .insertInto('pathways')
    .values({
      public_id: publicId('pw'),
      organisation_id: values.organisationId,
      slug: values.slug,
      name: values.name,
      description: values.description,
      achievement_type: values.achievementType,
      requirement: JSON.stringify(values.requirement),
      created_at: now,
      updated_at: now,
    })
    .returning(['public_id', 'slug'])
    .executeTakeFirstOrThrow();
}

/** Which of these micro-credential ids the organisation has. */
export async function ownedMicroCredentials(
  db: Queryable,
  organisationId: number,
  ids: string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('micro_credentials')
    .select('public_id')
    .where('organisation_id', '=', organisationId)
    .where('public_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.public_id));
}

export async function updatePathwayRow(
  db: Queryable,
  id: number,
  values: {
    slug: string;
    name: string;
    description: string;
    achievementType: string;
    requirement: Requirement;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('pathways')
    .set({
      slug: values.slug,
      name: values.name,
      description: values.description,
      achievement_type: values.achievementType,
      requirement: JSON.stringify(values.requirement),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
