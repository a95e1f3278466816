import { z } from 'zod';
import type { Context } from 'hono';
import { parseInput } from '../../../domain/validation.ts';
import { DAY } from '../../../domain/clock.ts';
import { AUDIT_PAGE_MAX, type AuditFilter } from '../queries.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

const OLDER_LINK = commandMessage('errors.audit.olderLink');
const LIMIT = commandMessage('errors.audit.limit', { maximum: AUDIT_PAGE_MAX });

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, commandMessage('errors.audit.dateFormat'))
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    commandMessage('errors.audit.notADay'),
  );
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** The query string of the viewer, the CSV and the JSON endpoint (all share it). */
export const auditQuerySchema = z
  .object({
    action: optional(z.string().trim().max(100, commandMessage('errors.audit.actionLong'))),
    actor: optional(z.string().trim().max(320, commandMessage('errors.audit.actorLong'))),
    subject: optional(z.string().trim().max(200, commandMessage('errors.audit.subjectLong'))),
    from: optional(day),
    to: optional(day),
    before: optional(z.coerce.number({ message: OLDER_LINK }).int(OLDER_LINK).positive(OLDER_LINK)),
    limit: optional(z.coerce.number({ message: LIMIT }).int(LIMIT).min(1, LIMIT).max(AUDIT_PAGE_MAX, LIMIT)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: commandMessage('errors.audit.endBeforeStart'),
    path: ['to'],
  });
export type AuditQuery = z.output<typeof auditQuerySchema>;

export function parseQuery(c: Context): AuditQuery {
  return parseInput(auditQuerySchema, c.req.query());
}

export function filterOf(q: AuditQuery): AuditFilter {
  return {
    action: q.action,
    actorEmail: q.actor,
    subject: q.subject,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    // "to" is a whole day: everything before the next midnight (UTC).
    until: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY) : undefined,
  };
}

/** The filters as a query string (without paging), for links that keep them. */
export function filterQuery(q: Partial<AuditQuery>): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'actor', 'subject', 'from', 'to'] as const) {
    const value = q[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}
