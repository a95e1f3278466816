import { sql } from 'kysely';
import type { Queryable } from '../../../storage/database.ts';

/** One calendar month (UTC) and the applications opened in it. */
export interface MonthCount {
  /** YYYY-MM */
  month: string;
  count: number;
}

/** The `months` calendar months (UTC) up to and including the one `now` is in, oldest first. */
export function lastMonths(now: Date, months: number): string[] {
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** Applications an organisation received per month over the last `months` months (months without any count 0). */
export async function applicationsByMonth(
  db: Queryable,
  organisationId: number,
  now: Date,
  months = 12,
): Promise<MonthCount[]> {
  const keys = lastMonths(now, months);
  const start = new Date(`${keys[0]}-01T00:00:00Z`);
  const month = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM')`;
  const rows = await db
    .selectFrom('applications')
    .select([month.as('month'), sql<string>`count(*)`.as('count')])
    .where('organisation_id', '=', organisationId)
    .where('created_at', '>=', start)
    .where('created_at', '<=', now)
    .groupBy(month)
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, Number(r.count)]));
  return keys.map((m) => ({ month: m, count: byMonth.get(m) ?? 0 }));
}
