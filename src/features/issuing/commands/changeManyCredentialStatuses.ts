import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { changeCredentialStatus, changeStatusInput } from './changeCredentialStatus.ts';
import { actFor, CHANGE_STATUS, type IssuingCommandInput } from '../issuerAccess.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const manyInput = changeStatusInput.omit({ credential: true }).extend({
  ids: z
    .array(z.string().trim().min(1))
    .min(1, commandMessage('errors.issuing.status.selectOne'))
    .max(1000, commandMessage('errors.issuing.status.tooMany')),
});

export interface ManyStatusResult {
  changed: string[];
  /** Credentials left as they were, each with the reason (already revoked, not suspended, not found…). */
  skipped: { id: string; message: string }[];
}

/**
 * Revokes, suspends or reinstates several credentials with one public reason. Each change is its
 * own transaction (the same path as one change: status bit, event, audit, list republished), so one
 * credential that cannot change leaves the others changed and is reported, not hidden.
 */
export async function changeManyCredentialStatuses(
  deps: CommandDeps,
  { actor, ...input }: IssuingCommandInput,
): Promise<ManyStatusResult> {
  const { organisationId, ids, action, reason } = parseInput(manyInput, input);
  await actFor(deps.db, actor, organisationId, CHANGE_STATUS);
  if (action === 'revoke' && !reason)
    throw new AppError('validation_failed', commandMessage('errors.issuing.status.revokeManyReason'), {
      reason: commandMessage('errors.issuing.status.giveReason'),
    });
  const result: ManyStatusResult = { changed: [], skipped: [] };
  for (const id of new Set(ids)) {
    try {
      await changeCredentialStatus(deps, { actor, organisationId, credential: id, action, reason });
      result.changed.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result.skipped.push({ id, message: err.message });
    }
  }
  return result;
}
