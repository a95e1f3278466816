import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openStorage, migrate, type Storage } from '../src/storage/database.ts';
import { publicId } from '../src/domain/ids.ts';
import { searchCatalog, type CatalogQuery } from '../src/features/catalog/queries/catalog.ts';

const WORDS =
  'classroom routines feedback restorative transitions norms asset lesson family knowledge texts multilingual bias checking understanding success criteria writing data colleagues performance tasks trauma ethics telehealth supervision humility documentation literacy numeracy inquiry science coaching mentoring leadership inclusion autism dyslexia attendance engagement project wellbeing'.split(
    ' ',
  );

function pick<T>(items: readonly T[], i: number): T {
  return items[i % items.length]!;
}

/** Fills a database with `n` published micro-credentials across 20 organisations and 40 stacks. */
async function fill(storage: Storage, n: number): Promise<void> {
  const now = new Date();
  await storage.db.transaction().execute(async (tx) => {
    const orgIds: number[] = [];
    for (let o = 0; o < 20; o++) {
      const row = await tx
        .insertInto('organisations')
        .values({
          public_id: publicId('org'),
          slug: `bench-org-${o}-${Date.now()}`,
          name: `Bench Org ${o}`,
          kind: 'issuer',
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.push(row.id);
    }
    for (let start = 0; start < n; start += 500) {
      const batch = Array.from({ length: Math.min(500, n - start) }, (_, k) => start + k);
      const mcs = await tx
        .insertInto('micro_credentials')
        .values(
          batch.map((i) => ({
            public_id: publicId('mc'),
            organisation_id: pick(orgIds, i),
            slug: `mc-${i}`,
            created_at: now,
          })),
        )
        .returning('id')
        .execute();
      await tx
        .insertInto('micro_credential_versions')
        .values(
          batch.map((i, k) => {
            const title = `${pick(WORDS, i * 7)} ${pick(WORDS, i * 13 + 3)} ${i}`;
            const text = `${title} ${pick(WORDS, i * 3)} ${pick(WORDS, i * 11)} ${pick(WORDS, i * 17)} practice evidence students`;
            return {
              public_id: publicId('mcv'),
              micro_credential_id: mcs[k]!.id,
              version: 1,
              status: 'published' as const,
              title,
              competency: text,
              effort_hours: (i % 30) + 1,
              credit_hours: (i % 4) / 2,
              earning_mode: pick(
                ['reviewed_evidence', 'assessment', 'attendance', 'course_completion'] as const,
                i,
              ),
              tags: [pick(WORDS, i)],
              evidence_parts: '[]',
              rubric: '{}',
              alignments: '[]',
              search_text: `${title}\n${text}`,
              created_at: now,
              published_at: new Date(now.getTime() - i * 1000),
            };
          }),
        )
        .execute();
    }
  });
  await sql`insert into catalog_entries (micro_credential_id, version_id, public_id, slug, organisation_id, organisation_slug, organisation_name, version, title, competency, effort_hours, credit_hours, earning_mode, tags, published_at, search_text)
    select m.id, v.id, m.public_id, m.slug, o.id, o.slug, o.name, v.version, v.title, v.competency, v.effort_hours, v.credit_hours, v.earning_mode, v.tags, v.published_at, v.search_text
    from micro_credential_versions v join micro_credentials m on m.id = v.micro_credential_id join organisations o on o.id = m.organisation_id
    where v.status = 'published'`.execute(storage.db);
  await sql`analyze`.execute(storage.db);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Catalog search latency at 10,000 published micro-credentials: p50/p99 of realistic queries. */
export async function catalogBenchmarks(
  report: (name: string, unit: string, cairn: number, reference: number | null) => void,
): Promise<void> {
  const storage = await openStorage({ databaseUrl: null, dataDir: '', inMemory: true });
  await migrate(storage.db);
  await fill(storage, 10_000);
  const queries: CatalogQuery[] = [];
  for (let i = 0; i < 400; i++) {
    const q: CatalogQuery = { q: `${pick(WORDS, i * 5)}${i % 3 === 0 ? ` ${pick(WORDS, i * 7 + 1)}` : ''}` };
    if (i % 4 === 1) q.mode = 'reviewed_evidence';
    if (i % 5 === 2) q.maxEffort = 12;
    if (i % 6 === 3) q.minCredits = 1;
    if (i % 7 === 4) q.sort = 'title';
    if (i % 9 === 5) q.page = 3;
    queries.push(q);
  }
  for (const q of queries.slice(0, 30)) await searchCatalog(storage.db, q);
  const fts: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await searchCatalog(storage.db, q);
    fts.push(performance.now() - t);
  }
  // Reference: the same queries as a naive case-insensitive substring scan (what a catalog without an index does).
  const scan: number[] = [];
  for (const q of queries.slice(0, 100)) {
    const t = performance.now();
    await storage.db
      .selectFrom('catalog_entries')
      .select(['micro_credential_id', 'title'])
      .where('search_text', 'ilike', `%${q.q}%`)
      .orderBy('published_at', 'desc')
      .limit(20)
      .execute();
    scan.push(performance.now() - t);
  }
  report(
    'catalog search p50, 10,000 published (PGlite; vs ILIKE scan)',
    'ms',
    Number(percentile(fts, 50).toFixed(2)),
    Number(percentile(scan, 50).toFixed(2)),
  );
  report(
    'catalog search p99, 10,000 published (PGlite; target < 50 ms)',
    'ms',
    Number(percentile(fts, 99).toFixed(2)),
    Number(percentile(scan, 99).toFixed(2)),
  );
  await storage.close();
}
