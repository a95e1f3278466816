import type { Context } from 'hono';
import { AppError, invalid } from '../domain/errors.ts';
import type { AppEnv } from './env.ts';

/** The request body parsed as JSON (the command validates its shape), or a clear error. */
export async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  return c.req.json().catch(() => {
    throw invalid({ _: 'The body must be JSON.' }, 'The body must be JSON.');
  });
}

/** The request body as a JSON object, or a clear error. */
export async function jsonObjectBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => undefined);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('validation_failed', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}
