import { z } from 'zod';
import type { Context } from 'hono';
import { parseInput } from '../../../domain/validation.ts';
import { DAY } from '../../../domain/clock.ts';
import { AUDIT_PAGE_MAX, type AuditFilter } from '../queries.ts';

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31.')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'That is not a date on the calendar.',
  );
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** The query string of the viewer, the CSV and the JSON endpoint (all share it). */
export const auditQuerySchema = z
  .object({
    action: optional(z.string().trim().max(100, 'An action is at most 100 characters.')),
    actor: optional(z.string().trim().max(320, 'An email address is at most 320 characters.')),
    subject: optional(z.string().trim().max(200, 'A subject is at most 200 characters.')),
    from: optional(day),
    to: optional(day),
    before: optional(
      z.coerce
        .number({ message: 'Use the “Older events” link to page.' })
        .int('Use the “Older events” link to page.')
        .positive('Use the “Older events” link to page.'),
    ),
    limit: optional(
      z.coerce
        .number({ message: `Ask for 1 to ${AUDIT_PAGE_MAX} events.` })
        .int(`Ask for 1 to ${AUDIT_PAGE_MAX} events.`)
        .min(1, `Ask for 1 to ${AUDIT_PAGE_MAX} events.`)
        .max(AUDIT_PAGE_MAX, `Ask for 1 to ${AUDIT_PAGE_MAX} events.`),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The end date is before the start date.',
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
