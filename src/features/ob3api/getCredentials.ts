import { z } from 'zod';
import { issuedBadgesOf } from '../backpack/index.ts';
import type { CommandDeps } from '../../domain/commands.ts';
import { Ob3ApiError } from '../../http/imsx.ts';
import { importedOb3Summaries, importedOriginals, issuedDocuments } from './queries.ts';
import { listedForm, type Listed } from './storedBadge.ts';
import { ob3Message } from './messages.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

export interface CredentialsQuery {
  limit: number;
  offset: number;
  since: Date | null;
}

/** A whole number of at least `min` (absent or empty: the fallback). */
const whole = (name: string, min: number, fallback: number) => {
  const message = ob3Message('wholeNumber', { name, minimum: String(min) });
  return z.preprocess(
    (v) => (v === undefined || v === '' ? String(fallback) : v),
    z
      .string()
      .regex(/^\d{1,9}$/, message)
      .transform(Number)
      .refine((n) => n >= min, message),
  );
};

/** getCredentials' query string: limit (1–100, default 50), offset (default 0), since (a date and time). */
export const credentialsQuerySchema = z.object({
  limit: whole('limit', 1, DEFAULT_LIMIT).transform((n) => Math.min(n, MAX_LIMIT)),
  offset: whole('offset', 0, 0),
  since: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, ob3Message('sinceFormat'))
      .refine((t) => !Number.isNaN(Date.parse(t)), ob3Message('sinceFormat'))
      .transform((t) => new Date(Date.parse(t)))
      .optional(),
  ),
});

/** Reads limit, offset and since from the query string; anything malformed is a 400 (invalid_query_parameter). */
export function parseCredentialsQuery(query: Record<string, string | undefined>): CredentialsQuery {
  const parsed = credentialsQuerySchema.safeParse(query);
  if (!parsed.success)
    throw new Ob3ApiError(400, 'invalid_query_parameter', parsed.error.issues[0]?.message ?? 'Bad query.');
  const { limit, offset, since } = parsed.data;
  return { limit, offset, since: since ?? null };
}

interface Entry {
  kind: 'issued' | 'imported';
  id: number;
  at: Date;
}

export interface CredentialsPage {
  total: number;
  items: Listed[];
}

/**
 * The user's OB 3.0 credentials, newest first: those Cairn issued to them (not declined) and
 * those in their backpack (imported, or pushed through this API), each exactly as it was issued
 * or received. `since` keeps credentials issued after that moment.
 */
export async function getCredentials(
  deps: CommandDeps,
  userId: number,
  query: CredentialsQuery,
): Promise<CredentialsPage> {
  const now = deps.clock.now();
  const issued = (await issuedBadgesOf(deps.db, userId, now)).filter((b) => b.claim !== 'declined');
  const imported = await importedOb3Summaries(deps.db, userId);
  let entries: Entry[] = [
    ...issued.map((b) => ({ kind: 'issued' as const, id: b.id, at: b.issuedAt })),
    ...imported.map((r) => ({ kind: 'imported' as const, id: r.id, at: r.issued_on ?? r.created_at })),
  ];
  if (query.since) entries = entries.filter((e) => e.at.getTime() > query.since!.getTime());
  entries.sort(
    (a, b) =>
      b.at.getTime() - a.at.getTime() || (a.kind === b.kind ? b.id - a.id : a.kind === 'issued' ? -1 : 1),
  );
  const page = entries.slice(query.offset, query.offset + query.limit);
  const documents = new Map(
    (
      await issuedDocuments(
        deps.db,
        page.filter((e) => e.kind === 'issued').map((e) => e.id),
      )
    ).map((r) => [r.id, r.document]),
  );
  const originals = new Map(
    (
      await importedOriginals(
        deps.db,
        userId,
        page.filter((e) => e.kind === 'imported').map((e) => e.id),
      )
    ).map((r) => [r.id, r]),
  );
  const items: Listed[] = [];
  for (const entry of page) {
    if (entry.kind === 'issued') {
      const document = documents.get(entry.id);
      if (document !== undefined) items.push({ kind: 'json', text: document });
    } else {
      const stored = originals.get(entry.id);
      const listed = stored ? listedForm(stored) : null;
      if (listed) items.push(listed);
    }
  }
  return { total: entries.length, items };
}

/**
 * The response body per the official GetOpenBadgeCredentialsResponse schema. Each credential's
 * JSON text is placed as stored, byte for byte (signed documents are never re-serialised).
 */
export function credentialsBody(items: Listed[]): string {
  const jws = items.flatMap((i) => (i.kind === 'jws' ? [JSON.stringify(i.jws)] : []));
  const json = items.flatMap((i) => (i.kind === 'json' ? [i.text] : []));
  return `{"compactJwsString":[${jws.join(',')}],"credential":[${json.join(',')}]}`;
}

/** RFC 8288 Link header values for the page (first, prev, next, last), keeping `since`. */
export function pagingLinks(baseUrl: string, query: CredentialsQuery, total: number): string {
  const link = (offset: number, rel: string) => {
    const url = new URL(baseUrl);
    url.searchParams.set('limit', String(query.limit));
    url.searchParams.set('offset', String(offset));
    if (query.since) url.searchParams.set('since', query.since.toISOString());
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / query.limit) * query.limit;
  const links = [link(0, 'first')];
  if (query.offset > 0)
    links.push(link(Math.max(0, Math.min(query.offset - query.limit, lastOffset)), 'prev'));
  if (query.offset + query.limit < total) links.push(link(query.offset + query.limit, 'next'));
  links.push(link(lastOffset, 'last'));
  return links.join(', ');
}
