import { sql } from 'kysely';
import type { Db } from '../database.ts';

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether the database answers `select 1` within `timeoutMs`. Never throws and never waits
 * longer: a probe still running when time is up is left to finish (or fail) on its own.
 */
export async function databaseReadiness(db: Db, timeoutMs: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const probe = sql`select 1`.execute(db).then(
    (): Readiness => ({ ready: true }),
    (err: unknown): Readiness => ({ ready: false, reason: `The database did not answer: ${describe(err)}` }),
  );
  const late = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ready: false, reason: `The database did not answer within ${timeoutMs} ms.` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return err.message || (typeof code === 'string' ? code : err.name);
}
