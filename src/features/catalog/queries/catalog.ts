import { sql } from 'kysely';
import type { Design } from '../microCredential.ts';
import { cardForReader, DEFAULT_CONTENT_LANGUAGE } from '../languageEditions.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { RawBuilder, Selectable } from 'kysely';
import type { MicroCredentialVersionsTable } from '../../../storage/schema.ts';

export type VersionRow = Selectable<MicroCredentialVersionsTable>;

/** A stored version as the designer's words. */
export function versionToDesign(v: VersionRow): Design {
  return {
    title: v.title,
    competency: v.competency,
    description: v.description,
    keyMethod: v.key_method,
    criteria: v.criteria,
    evidenceParts: v.evidence_parts as Design['evidenceParts'],
    rubric: Object.keys(v.rubric).length ? (v.rubric as Design['rubric']) : undefined,
    effortHours: v.effort_hours === null ? undefined : Number(v.effort_hours),
    creditHours: v.credit_hours === null ? undefined : Number(v.credit_hours),
    achievementType: v.achievement_type,
    tags: v.tags,
    alignments: v.alignments as Design['alignments'],
    validityMonths: v.validity_months ?? undefined,
    applicationWindowMonths: v.application_window_months,
    applicationFeeCents: v.application_fee_cents ?? undefined,
    applicationFeeCurrency: v.application_fee_currency,
    earningMode: v.earning_mode,
    passingScore: v.passing_score === null ? undefined : Number(v.passing_score),
    inLanguage: v.in_language,
    spanishEdition:
      v.es_name !== null && v.es_description !== null
        ? { name: v.es_name, description: v.es_description, criteria: v.es_criteria ?? undefined }
        : undefined,
  };
}

/** Columns for a version from the designer's words. */
export function designToColumns(d: Design, searchText: string) {
  return {
    title: d.title,
    competency: d.competency,
    description: d.description,
    key_method: d.keyMethod,
    criteria: d.criteria,
    evidence_parts: JSON.stringify(d.evidenceParts),
    rubric: JSON.stringify(d.rubric ?? {}),
    passing_score: d.passingScore ?? null,
    effort_hours: d.effortHours ?? null,
    credit_hours: d.creditHours ?? null,
    achievement_type: d.achievementType,
    tags: d.tags,
    alignments: JSON.stringify(d.alignments),
    validity_months: d.validityMonths ?? null,
    application_window_months: d.applicationWindowMonths,
    application_fee_cents: d.applicationFeeCents ?? null,
    application_fee_currency: d.applicationFeeCurrency,
    earning_mode: d.earningMode,
    search_text: searchText,
    in_language: d.inLanguage ?? DEFAULT_CONTENT_LANGUAGE,
    es_name: d.spanishEdition?.name ?? null,
    es_description: d.spanishEdition?.description ?? null,
    es_criteria: d.spanishEdition?.criteria ?? null,
  };
}

export interface CatalogQuery {
  q?: string;
  stack?: string;
  issuer?: string;
  mode?: Design['earningMode'];
  maxEffort?: number;
  minCredits?: number;
  /** Only entries whose listed version a recognizer (organisation slug) has approved, in force on `today`. */
  recognizedBy?: string;
  /** YYYY-MM-DD for the recognition filter; defaults to the database's current date. */
  today?: string;
  sort?: 'relevance' | 'newest' | 'title' | 'effort';
  page?: number;
  pageSize?: number;
  /** The reader's language: a Spanish reader's cards show the Spanish edition where there is one. */
  locale?: string;
}

export interface CatalogItem {
  public_id: string;
  slug: string;
  organisation_slug: string;
  organisation_name: string;
  version: number;
  title: string;
  competency: string;
  /** The language the title and competency are written in (BCP 47): the issuer's, or the Spanish edition's for a Spanish reader. */
  in_language: string;
  effort_hours: number | null;
  credit_hours: number | null;
  earning_mode: Design['earningMode'];
  tags: string[];
  published_at: Date | null;
}

/** Lists a micro-credential in the catalog with its published version (replacing what was listed). */
export async function listInCatalog(db: Queryable, microCredentialId: number): Promise<void> {
  const v = await db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'v.id',
      'v.version',
      'v.title',
      'v.competency',
      'v.effort_hours',
      'v.credit_hours',
      'v.earning_mode',
      'v.tags',
      'v.published_at',
      'v.search_text',
      'm.public_id',
      'm.slug',
      'm.retired_at',
      'o.id as organisation_id',
      'o.slug as organisation_slug',
      'o.name as organisation_name',
    ])
    .where('v.micro_credential_id', '=', microCredentialId)
    .where('v.status', '=', 'published')
    .executeTakeFirst();
  await db.deleteFrom('catalog_entries').where('micro_credential_id', '=', microCredentialId).execute();
  if (!v || v.retired_at || !v.published_at) return;
  await db
    .insertInto('catalog_entries')
    .values({
      micro_credential_id: microCredentialId,
      version_id: v.id,
      public_id: v.public_id,
      slug: v.slug,
      organisation_id: v.organisation_id,
      organisation_slug: v.organisation_slug,
      organisation_name: v.organisation_name,
      version: v.version,
      title: v.title,
      competency: v.competency,
      effort_hours: v.effort_hours,
      credit_hours: v.credit_hours,
      earning_mode: v.earning_mode,
      tags: v.tags,
      published_at: v.published_at,
      search_text: v.search_text,
    })
    .execute();
}

/** The catalog search's columns, with the window count of all matches. */
function catalogSelect(db: Queryable) {
  return db
    .selectFrom('catalog_entries as e')
    .innerJoin('micro_credential_versions as ev', 'ev.id', 'e.version_id')
    .select([
      'ev.es_name',
      'ev.es_description',
      'ev.in_language',
      'e.public_id',
      'e.slug',
      'e.organisation_slug',
      'e.organisation_name',
      'e.version',
      'e.title',
      'e.competency',
      'e.effort_hours',
      'e.credit_hours',
      'e.earning_mode',
      'e.tags',
      'e.published_at',
      sql<number>`count(*) over ()`.as('total'),
    ]);
}
type CatalogSelect = ReturnType<typeof catalogSelect>;

/** The search's filters: full text, issuer, earning mode, effort, credits, recognizer and stack. */
function filtered(
  select: CatalogSelect,
  query: CatalogQuery,
  tsquery: RawBuilder<unknown> | null,
): CatalogSelect {
  if (tsquery) select = select.where(sql<boolean>`e.search @@ ${tsquery}`);
  if (query.issuer) select = select.where('e.organisation_slug', '=', query.issuer);
  if (query.mode) select = select.where('e.earning_mode', '=', query.mode);
  if (query.maxEffort !== undefined) select = select.where('e.effort_hours', '<=', query.maxEffort);
  if (query.minCredits !== undefined) select = select.where('e.credit_hours', '>=', query.minCredits);
  if (query.recognizedBy) {
    const recognizer = query.recognizedBy;
    const today = query.today ? sql`${query.today}::date` : sql`current_date`;
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('program_submissions as rs')
          .innerJoin('recognition_programs as rp', 'rp.id', 'rs.program_id')
          .innerJoin('organisations as ro', 'ro.id', 'rp.organisation_id')
          .select('rs.id')
          .whereRef('rs.micro_credential_id', '=', 'e.micro_credential_id')
          .whereRef('rs.micro_credential_version', '=', 'e.version')
          .where('rs.status', '=', 'approved')
          .where('ro.slug', '=', recognizer)
          .where(sql<boolean>`(rs.ends_on is null or rs.ends_on >= ${today})`),
      ),
    );
  }
  if (query.stack) {
    const stack = query.stack;
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('stack_members as sm')
          .innerJoin('stacks as s', 's.id', 'sm.stack_id')
          .select('sm.stack_id')
          .whereRef('sm.micro_credential_id', '=', 'e.micro_credential_id')
          .where('s.slug', '=', stack),
      ),
    );
  }
  return select;
}

/**
 * Listed micro-credentials: full-text search (PostgreSQL), filters, sort and paging, in one
 * indexed query over the denormalised catalog_entries (the total comes from a window count).
 */
export async function searchCatalog(
  db: Queryable,
  query: CatalogQuery,
): Promise<{ items: CatalogItem[]; total: number }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const q = query.q?.trim();
  const tsquery = q ? sql`websearch_to_tsquery('english', ${q})` : null;
  let select = filtered(catalogSelect(db), query, tsquery);
  const sort = query.sort ?? (q ? 'relevance' : 'newest');
  if (sort === 'relevance' && tsquery) select = select.orderBy(sql`ts_rank(e.search, ${tsquery})`, 'desc');
  else if (sort === 'title') select = select.orderBy('e.title');
  else if (sort === 'effort') select = select.orderBy(sql`e.effort_hours asc nulls last`);
  const rows = await select
    .orderBy('e.published_at', 'desc')
    .orderBy('e.micro_credential_id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  let total = Number(rows[0]?.total ?? 0);
  if (!rows.length && page > 1) {
    // Past the last page the window count is not available; count without it.
    const counted = await searchCatalog(db, { ...query, page: 1, pageSize: 1 });
    total = counted.total;
  }
  return {
    items: rows.map(({ total: _t, ...row }) => ({
      ...cardForReader(row, query.locale ?? DEFAULT_CONTENT_LANGUAGE),
      effort_hours: row.effort_hours === null ? null : Number(row.effort_hours),
      credit_hours: row.credit_hours === null ? null : Number(row.credit_hours),
    })),
    total,
  };
}

/** A catalog version by organisation and micro-credential address: the live published one, or a given non-draft version. */
export async function findCatalogVersion(db: Queryable, orgSlug: string, mcSlug: string, version?: number) {
  let q = db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('badge_images as i', 'i.id', 'v.image_id')
    .selectAll('v')
    .select([
      'm.id as mc_id',
      'm.slug as mc_slug',
      'm.retired_at',
      'o.slug as org_slug',
      'o.name as org_name',
      'i.public_id as image_public_id',
    ])
    .where('o.slug', '=', orgSlug)
    .where('m.slug', '=', mcSlug);
  q =
    version === undefined
      ? q.where('v.status', '=', 'published').where('m.retired_at', 'is', null)
      : q.where('v.version', '=', version).where('v.status', '!=', 'draft');
  return q.executeTakeFirst();
}

/** Issuing organisations (the catalog's issuer filter), by name. */
export function issuerOptions(db: Queryable) {
  return db
    .selectFrom('organisations')
    .select(['slug', 'name'])
    .where('kind', '!=', 'recognizer')
    .orderBy('name')
    .limit(200)
    .execute();
}
