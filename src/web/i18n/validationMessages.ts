import { z } from 'zod';
import { commandMessage } from './commandMessages.ts';

/**
 * zod's own messages ("Too small: expected string to have >=1 characters") are for developers.
 * This error map words each check a person can fail from the catalogue's `validation` group, so
 * a form shows "Use at most 200 characters." and a Spanish page shows it in Spanish. A schema's
 * own message (`.min(1, '…')`) still wins.
 */
export function validationMessage(issue: z.core.$ZodRawIssue): string {
  const bound = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));
  switch (issue.code) {
    case 'too_small':
      return tooSmall(issue.origin, bound(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return tooBig(issue.origin, bound(issue.maximum), issue.inclusive !== false);
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return commandMessage('validation.required');
      return invalidType(issue.expected);
    case 'invalid_format':
      if (issue.format === 'email') return commandMessage('validation.email');
      if (issue.format === 'url') return commandMessage('validation.url');
      if (issue.format === 'date' || issue.format === 'datetime') return commandMessage('validation.date');
      return commandMessage('validation.format');
    case 'invalid_value':
      return commandMessage('validation.option');
    case 'not_multiple_of':
      return commandMessage('validation.multipleOf', { divisor: bound(issue.divisor) });
    case 'unrecognized_keys':
      return commandMessage('validation.unknownFields', { keys: issue.keys.join(', ') });
    default:
      return commandMessage('validation.invalid');
  }
}

function tooSmall(origin: string, minimum: number, inclusive: boolean): string {
  if (origin === 'string')
    return minimum <= 1
      ? commandMessage('validation.required')
      : commandMessage('validation.textMin', { minimum });
  if (origin === 'array' || origin === 'set') return commandMessage('validation.listMin', { minimum });
  if (origin === 'number' || origin === 'int' || origin === 'bigint')
    return commandMessage(inclusive ? 'validation.numberMin' : 'validation.numberAbove', { minimum });
  return commandMessage('validation.invalid');
}

function tooBig(origin: string, maximum: number, inclusive: boolean): string {
  if (origin === 'string') return commandMessage('validation.textMax', { maximum });
  if (origin === 'array' || origin === 'set') return commandMessage('validation.listMax', { maximum });
  if (origin === 'number' || origin === 'int' || origin === 'bigint')
    return commandMessage(inclusive ? 'validation.numberMax' : 'validation.numberBelow', { maximum });
  return commandMessage('validation.invalid');
}

function invalidType(expected: string): string {
  if (expected === 'number' || expected === 'bigint') return commandMessage('validation.number');
  if (expected === 'int') return commandMessage('validation.wholeNumber');
  if (expected === 'date') return commandMessage('validation.date');
  if (expected === 'boolean') return commandMessage('validation.yesNo');
  if (expected === 'string') return commandMessage('validation.text');
  if (expected === 'array') return commandMessage('validation.list');
  return commandMessage('validation.invalid');
}

let installed = false;
/** Makes the catalogue's validation messages zod's default for every schema (once per process). */
export function useCataloguedValidationMessages(): void {
  if (installed) return;
  z.config({ customError: validationMessage });
  installed = true;
}
