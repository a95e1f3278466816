import { z } from 'zod';
import { organisationIdInput } from '../issuingActor.ts';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { getBit } from '../../../credentials/bitstringStatusList.ts';
import {
  flipStatusBit,
  lockCredentialForStatus,
  lockStatusEntries,
  recordStatusEvent,
} from '../queries/statusChanges.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { publishListAt } from './statusListPublishing.ts';
import { evaluatePathways } from '../jobTypes.ts';
import { actFor, CHANGE_STATUS, type IssuingCommandInput } from '../issuerAccess.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { enqueueCreditReversal } from '../../credit/index.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const changeStatusInput = organisationIdInput.extend({
  /** The credential's public id. */
  credential: z.string().trim().min(1),
  action: z.enum(['revoke', 'suspend', 'reinstate'], {
    message: commandMessage('errors.issuing.status.chooseAction'),
  }),
  reason: z
    .string()
    .trim()
    .max(500, commandMessage('validation.textMax', { maximum: 500 }))
    .default(''),
});

/**
 * The status list entry a change flips, refusing what cannot change: anything once revoked, a
 * reinstatement of what is not suspended, a second suspension.
 */
function listToChange<L extends { purpose: string; bits: Uint8Array; list_index: number }>(
  lists: L[],
  action: 'revoke' | 'suspend' | 'reinstate',
): L {
  const revocation = lists.find((l) => l.purpose === 'revocation');
  const suspension = lists.find((l) => l.purpose === 'suspension');
  if (revocation && getBit(revocation.bits, revocation.list_index))
    throw conflict(commandMessage('errors.issuing.status.revokedForGood'));
  const target = action === 'revoke' ? revocation : suspension;
  if (!target) throw conflict(commandMessage('errors.issuing.status.noEntry'));
  if (action === 'reinstate' && !getBit(target.bits, target.list_index))
    throw conflict(commandMessage('errors.issuing.status.notSuspended'));
  if (action === 'suspend' && getBit(target.bits, target.list_index))
    throw conflict(commandMessage('errors.issuing.status.alreadySuspended'));
  return target;
}

/**
 * Revokes (for good), suspends or reinstates a credential: flips its bit in the organisation's
 * status list, records why, and enqueues a job that re-signs and republishes the list.
 */
export async function changeCredentialStatus(
  deps: CommandDeps,
  { actor: caller, ...input }: IssuingCommandInput,
): Promise<void> {
  const {
    organisationId,
    credential: credentialPublicId,
    action,
    reason,
  } = parseInput(changeStatusInput, input);
  const actor = await actFor(deps.db, caller, organisationId, CHANGE_STATUS);
  if (action === 'revoke' && !reason)
    throw new AppError('validation_failed', commandMessage('errors.issuing.status.revokeReason'), {
      reason: commandMessage('errors.issuing.status.giveReason'),
    });
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const credential = await lockCredentialForStatus(tx, actor.organisationId, credentialPublicId);
    if (!credential) throw notFound('credential');
    const target = listToChange(await lockStatusEntries(tx, credential.id), action);
    await flipStatusBit(tx, target, target.list_index, action !== 'reinstate');
    const past = { revoke: 'revoked', suspend: 'suspended', reinstate: 'reinstated' } as const;
    await recordStatusEvent(tx, {
      credentialId: credential.id,
      action: past[action],
      reason: reason || null,
      actorUserId: actor.userId,
      now,
    });
    // The list is signed at write time (the job, queued with the change), never when it is read.
    await publishListAt(
      tx,
      { public_id: target.public_id, organisation_id: actor.organisationId },
      target.version + 1,
      now,
    );
    // A revoked (or reinstated) catalog credential can change which pathways the earner completes.
    if (credential.micro_credential_id && credential.recipient_email && action !== 'suspend') {
      await evaluatePathways.enqueue(
        tx,
        { organisationId: actor.organisationId, recipientEmail: credential.recipient_email },
        now,
        { organisationId: actor.organisationId },
      );
    }
    // Revocation reverses every credit the credential earned on license records (new entries, never edits).
    if (action === 'revoke') await enqueueCreditReversal(tx, credential.id, now);
    await recordAudit(
      tx,
      {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: `credential.${past[action]}`,
        subjectType: 'credential',
        subjectId: credential.public_id,
        data: { reason },
        ip: actor.ip,
      },
      now,
    );
  });
}
