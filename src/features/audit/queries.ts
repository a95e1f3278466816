import type { Queryable } from '../../storage/database.ts';
import { AUDIT_ROW_COLUMNS, type AuditRow } from '../../storage/audit.ts';

// Reading an organisation's audit log; writing it (`recordAudit`) is the kernel's, src/storage/audit.ts.

/** What an administrator may narrow an organisation's audit log by (all optional). */
export interface AuditFilter {
  action?: string;
  /** Any address of the acting account (case-insensitive). */
  actorEmail?: string;
  /** A subject's public id (`mc_…`, `usr_…`) or its kind (`micro_credential`). */
  subject?: string;
  /** Inclusive, from the start of this instant. */
  from?: Date;
  /** Exclusive. */
  until?: Date;
}

/** An audit row with the actor's primary address (for the admin viewer and its exports). */
export interface AuditViewRow extends AuditRow {
  actor_email: string | null;
}

/** The most rows one page or API answer shows (a query may read one more, to know whether more follow). */
export const AUDIT_PAGE_MAX = 200;

function filteredAudit(db: Queryable, organisationId: number, filter: AuditFilter) {
  let q = db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('user_emails as ue', (j) =>
      j.onRef('ue.user_id', '=', 'a.actor_user_id').on('ue.is_primary', '=', true),
    )
    .select([...AUDIT_ROW_COLUMNS, 'ue.email as actor_email'])
    .where('a.organisation_id', '=', organisationId);
  if (filter.action) q = q.where('a.action', '=', filter.action);
  if (filter.actorEmail) {
    const email = filter.actorEmail.trim().toLowerCase();
    q = q.where(
      'a.actor_user_id',
      'in',
      db
        .selectFrom('user_emails')
        .select('user_id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email)),
    );
  }
  if (filter.subject) {
    const subject = filter.subject.trim();
    q = q.where((eb) => eb.or([eb('a.subject_id', '=', subject), eb('a.subject_type', '=', subject)]));
  }
  if (filter.from) q = q.where('a.created_at', '>=', filter.from);
  if (filter.until) q = q.where('a.created_at', '<', filter.until);
  return q;
}

/**
 * One page of an organisation's audit log, newest first, narrowed by the filter. Paged by id
 * (keyset: `before` is the last id of the previous page), so deep pages cost the same as the first.
 */
export async function searchOrganisationAudit(
  db: Queryable,
  organisationId: number,
  filter: AuditFilter,
  options: { before?: number; limit: number },
): Promise<AuditViewRow[]> {
  let q = filteredAudit(db, organisationId, filter)
    .orderBy('a.id', 'desc')
    .limit(Math.max(1, Math.min(options.limit, AUDIT_PAGE_MAX + 1)));
  if (options.before) q = q.where('a.id', '<', options.before);
  return q.execute();
}

/** Every row the filter selects, newest first, read a batch at a time (for streamed exports). */
export async function* eachOrganisationAudit(
  db: Queryable,
  organisationId: number,
  filter: AuditFilter,
  batchSize = 500,
): AsyncGenerator<AuditViewRow> {
  let before: number | undefined;
  for (;;) {
    const rows = await searchOrganisationAudit(db, organisationId, filter, { before, limit: batchSize });
    yield* rows;
    if (rows.length < Math.min(batchSize, AUDIT_PAGE_MAX + 1)) return;
    before = rows.at(-1)?.id;
  }
}

/** The actions an organisation's log holds, for the filter's choices. */
export async function organisationAuditActions(db: Queryable, organisationId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select('action')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}
