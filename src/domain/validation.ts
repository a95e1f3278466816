import type { z } from 'zod';
import { invalid } from './errors.ts';
import { useCataloguedValidationMessages } from '../web/i18n/validationMessages.ts';

// Checks without a message of their own speak the catalogue's words (validation.*), not zod's.
useCataloguedValidationMessages();

/** Parses input with a schema; a failure becomes a validation error with one message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  throw invalid(fields);
}
