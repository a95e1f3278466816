import { sql } from 'kysely';
import type { Design } from '../domain/microCredential.ts';
import type { Queryable } from './database.ts';
import type { Selectable } from 'kysely';
import type { MicroCredentialVersionsTable } from './schema.ts';

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
    earningMode: v.earning_mode,
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
    effort_hours: d.effortHours ?? null,
    credit_hours: d.creditHours ?? null,
    achievement_type: d.achievementType,
    tags: d.tags,
    alignments: JSON.stringify(d.alignments),
    validity_months: d.validityMonths ?? null,
    application_window_months: d.applicationWindowMonths,
    application_fee_cents: d.applicationFeeCents ?? null,
    earning_mode: d.earningMode,
    search_text: searchText,
  };
}

export interface CatalogQuery {
  q?: string;
  stack?: string;
  issuer?: string;
  mode?: Design['earningMode'];
  maxEffort?: number;
  minCredits?: number;
  sort?: 'relevance' | 'newest' | 'title' | 'effort';
  page?: number;
  pageSize?: number;
}

export interface CatalogItem {
  public_id: string;
  slug: string;
  organisation_slug: string;
  organisation_name: string;
  version: number;
  title: string;
  competency: string;
  effort_hours: number | null;
  credit_hours: number | null;
  earning_mode: Design['earningMode'];
  tags: string[];
  published_at: Date | null;
}

/** Published, not retired micro-credentials: full-text search (PostgreSQL), filters, sort and paging. */
export async function searchCatalog(db: Queryable, query: CatalogQuery): Promise<{ items: CatalogItem[]; total: number }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const q = query.q?.trim();
  let base = db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .where('v.status', '=', 'published')
    .where('m.retired_at', 'is', null);
  if (q) base = base.where(sql<boolean>`v.search @@ websearch_to_tsquery('english', ${q})`);
  if (query.issuer) base = base.where('o.slug', '=', query.issuer);
  if (query.mode) base = base.where('v.earning_mode', '=', query.mode);
  if (query.maxEffort !== undefined) base = base.where('v.effort_hours', '<=', query.maxEffort);
  if (query.minCredits !== undefined) base = base.where('v.credit_hours', '>=', query.minCredits);
  if (query.stack) {
    const stack = query.stack;
    base = base.where(({ exists, selectFrom }) =>
      exists(selectFrom('stack_members as sm').innerJoin('stacks as s', 's.id', 'sm.stack_id').select('sm.stack_id').whereRef('sm.micro_credential_id', '=', 'm.id').where('s.slug', '=', stack)),
    );
  }
  const sort = query.sort ?? (q ? 'relevance' : 'newest');
  let items = base.select([
    'm.public_id',
    'm.slug',
    'o.slug as organisation_slug',
    'o.name as organisation_name',
    'v.version',
    'v.title',
    'v.competency',
    'v.effort_hours',
    'v.credit_hours',
    'v.earning_mode',
    'v.tags',
    'v.published_at',
  ]);
  if (sort === 'relevance' && q) items = items.orderBy(sql`ts_rank(v.search, websearch_to_tsquery('english', ${q}))`, 'desc');
  else if (sort === 'title') items = items.orderBy('v.title');
  else if (sort === 'effort') items = items.orderBy(sql`v.effort_hours asc nulls last`);
  items = items.orderBy('v.published_at', 'desc').orderBy('v.id', 'desc');
  const [rows, count] = await Promise.all([
    items.limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ ...r, effort_hours: r.effort_hours === null ? null : Number(r.effort_hours), credit_hours: r.credit_hours === null ? null : Number(r.credit_hours) })), total: Number(count.n) };
}
