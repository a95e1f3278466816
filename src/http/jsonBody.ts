import type { Context } from 'hono';
import { AppError, invalid } from '../domain/errors.ts';
import type { AppEnv } from './env.ts';
import { containsNul } from '../credentials/budget.ts';
import { commandMessage } from '../web/i18n/commandMessages.ts';

/**
 * How a body may carry NUL characters: 'refuse' (the default, for bodies whose text is stored)
 * answers a clear validation_failed; 'allow' is for verifiers, which answer any credential with a
 * report and never store what they are given (their lookups skip such strings, see sqlLookupable).
 */
type NulPolicy = { nul?: 'refuse' | 'allow' };

const nulRefused = () =>
  new AppError('validation_failed', commandMessage('errors.http.bodyNul'), {
    _: commandMessage('errors.http.bodyNulField'),
  });

/** The request body parsed as JSON (the command validates its shape), or a clear error. */
export async function jsonBody(c: Context<AppEnv>, policy: NulPolicy = {}): Promise<unknown> {
  const body: unknown = await c.req.json().catch(() => {
    throw invalid(
      { _: commandMessage('errors.http.bodyNotJson') },
      commandMessage('errors.http.bodyNotJson'),
    );
  });
  if (policy.nul !== 'allow' && containsNul(body)) throw nulRefused();
  return body;
}

/** The request body as a JSON object, or a clear error. */
export async function jsonObjectBody(
  c: Context<AppEnv>,
  policy: NulPolicy = {},
): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => undefined);
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new AppError('validation_failed', commandMessage('errors.http.bodyNotObject'));
  if (policy.nul !== 'allow' && containsNul(body)) throw nulRefused();
  return body as Record<string, unknown>;
}
