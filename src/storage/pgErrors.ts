/**
 * PostgreSQL errors as both drivers raise them (pg's DatabaseError and PGlite's carry the same
 * fields): the five-character SQLSTATE in `code` and, for constraint violations, `constraint`.
 */
interface PgError {
  code: string;
  constraint?: string;
}

/** The error's SQLSTATE when it came from PostgreSQL, else undefined (Node's own `code`s such as ECONNREFUSED are not SQLSTATEs). */
export function sqlState(err: unknown): string | undefined {
  if (!err || typeof err !== 'object' || !('severity' in err)) return undefined;
  const code = (err as Partial<PgError>).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A unique violation (23505), optionally of one named constraint or unique index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  return (
    sqlState(err) === '23505' && (constraint === undefined || (err as PgError).constraint === constraint)
  );
}

/**
 * SQLSTATEs that mean the data a client sent could not be read as the column's type: invalid text
 * representation (22P02), invalid binary representation (22P05), a character not in the encoding
 * such as a NUL byte (22021), a bad or out-of-range date/time (22007, 22008), a number out of range (22003).
 */
export const INVALID_INPUT_STATES: ReadonlySet<string> = new Set([
  '22P02',
  '22P05',
  '22021',
  '22007',
  '22008',
  '22003',
]);
