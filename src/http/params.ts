import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, notFound, type MissingThing } from '../domain/errors.ts';
import { commandMessage } from '../web/i18n/commandMessages.ts';

/** An organisation's slug (or any other opaque path segment): a non-empty string. */
export const slugParam = z.string().min(1);
/** An opaque public id such as `tok_…` or `inv_…`. */
export const publicIdParam = z.string().min(1).max(200);
/** A numeric row id in a path (`/emails/12`): a positive integer. */
export const idParam = z.coerce.number().int().positive();

/**
 * The path parameters of a route, parsed by a zod object schema. A segment that does not parse
 * names nothing, so the default answer is the standard not_found (404); `{ onInvalid: 'invalid' }`
 * answers invalid_input (400) instead, for paths whose shape is a client's mistake.
 */
export function routeParams<S extends z.ZodRawShape>(
  c: Context,
  schema: z.ZodObject<S>,
  options: { onInvalid?: 'not_found' | 'invalid'; what?: MissingThing } = {},
): z.infer<z.ZodObject<S>> {
  const parsed = schema.safeParse(c.req.param());
  if (parsed.success) return parsed.data;
  if (options.onInvalid === 'invalid') {
    const fields = Object.fromEntries(
      parsed.error.issues.map((issue) => [issue.path.join('.') || '_', issue.message]),
    );
    throw new AppError('invalid_input', commandMessage('errors.http.badAddress'), fields);
  }
  throw notFound(options.what);
}
