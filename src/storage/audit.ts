import type { Queryable } from './database.ts';

export interface AuditEntry {
  organisationId: number | null;
  actorUserId: number | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends a domain event to the audit log (who, what, when, which organisation). */
export async function recordAudit(db: Queryable, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      organisation_id: entry.organisationId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId ?? null,
      data: JSON.stringify(entry.data ?? {}),
      ip: entry.ip ?? null,
      created_at: now,
    })
    .execute();
}

export interface AuditRow {
  id: number;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  created_at: Date;
  actor_name: string | null;
}

/** The columns of an AuditRow, from `audit_events as a` joined to `users as u` (the actor). */
export const AUDIT_ROW_COLUMNS = [
  'a.id',
  'a.action',
  'a.subject_type',
  'a.subject_id',
  'a.data',
  'a.ip',
  'a.created_at',
  'u.name as actor_name',
] as const;

/** A user's own account events (logins, password changes), newest first. */
export async function listUserAudit(db: Queryable, userId: number, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(AUDIT_ROW_COLUMNS)
    .where('a.actor_user_id', '=', userId)
    .where('a.organisation_id', 'is', null)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** The change history of one thing in an organisation (a micro-credential, a stack), oldest first. */
export async function listSubjectAudit(
  db: Queryable,
  organisationId: number,
  subjectType: string,
  subjectId: string,
): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(AUDIT_ROW_COLUMNS)
    .where('a.organisation_id', '=', organisationId)
    .where('a.subject_type', '=', subjectType)
    .where('a.subject_id', '=', subjectId)
    .orderBy('a.id')
    .limit(500)
    .execute();
}
