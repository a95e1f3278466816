import { AppError } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { FormState } from '../../../web/forms.tsx';
import { organisationAuditActions, searchOrganisationAudit } from '../queries.ts';
import { auditQuerySchema, filterOf, filterQuery, type AuditQuery } from './auditQuery.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { AuditLogModel } from './auditView.tsx';

/** Rows on one page of the viewer. */
export const PAGE_SIZE = 50;

/** Reads one page of an organisation's audit log for the raw query string of the request. */
export async function loadAuditLog(
  db: Queryable,
  organisation: { id: number; name: string; slug: string },
  raw: Record<string, string>,
): Promise<AuditLogModel> {
  const actions = await organisationAuditActions(db, organisation.id);
  const base = { organisation: { name: organisation.name, slug: organisation.slug }, actions };
  let query: AuditQuery;
  try {
    query = parseInput(auditQuerySchema, raw);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
    const form: FormState = { values: raw, errors: error.fields };
    return { ...base, form, filters: new URLSearchParams(), paged: false, older: null };
  }
  const events = await searchOrganisationAudit(db, organisation.id, filterOf(query), {
    before: query.before,
    limit: PAGE_SIZE + 1,
  });
  const shown = events.slice(0, PAGE_SIZE);
  const filters = new URLSearchParams(filterQuery(query));
  const last = shown.at(-1);
  const older = events.length > PAGE_SIZE && last ? new URLSearchParams(filters) : null;
  older?.set('before', String(last?.id));
  return { ...base, form: { values: raw, errors: {} }, events: shown, filters, paged: !!query.before, older };
}
