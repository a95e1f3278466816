/**
 * Recognises the errors that mean "the database cannot be reached right now" (a restart, a
 * failover, a pooler closing idle connections, a network problem) as opposed to errors in a
 * query: the first are temporary and answered with 503 and a retry, the second are bugs.
 */

/** Socket errors from connecting to or talking with the server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of an unavailable server: class 08 (connection exception), 57P01 admin shutdown,
 * 57P02 crash shutdown, 57P03 cannot connect now (starting up, shutting down, in recovery),
 * 53300 too many connections.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages node-postgres and its pool give without a code. */
const MESSAGES = [
  /^Connection terminated/i, // unexpectedly, or due to connection timeout
  /^timeout exceeded when trying to connect/i, // waiting for a pool connection
  /is not queryable/i, // a client whose connection broke
  /^terminating connection/i,
  /^the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
  /^Cannot use a pool after calling end/i,
];

/** True when `err` (or an error it wraps) means the database is unreachable, not that a query is wrong. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) && !('severity' in err)) return true;
    if (SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (MESSAGES.some((m) => m.test(err.message))) return true;
  // Connecting to a name with several addresses fails with an AggregateError of each attempt.
  if (err instanceof AggregateError && err.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
    return true;
  return isDatabaseUnavailable(err.cause, depth + 1);
}

/**
 * Runs a write, running it again while the database is unreachable (doubling pauses from
 * 250 ms up to 5 s) until `withinMs` has passed; other errors, and the last one, are thrown.
 * For a write that records something already done elsewhere (a mail the SMTP server accepted),
 * so a short outage does not turn into doing it twice.
 */
export async function retryWhileUnavailable<T>(run: () => Promise<T>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      return await run();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() + pause > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
