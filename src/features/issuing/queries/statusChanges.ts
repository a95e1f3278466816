import { setBit } from '../../../credentials/bitstringStatusList.ts';
import type { Tx } from '../../../storage/database.ts';

// A credential's status changes (revoke, suspend, reinstate): its rows locked, its bit flipped, the event kept.

/**
 * The organisation's credential by public id, locked against credit being posted for it at the
 * same moment (the ledger takes FOR SHARE).
 */
export function lockCredentialForStatus(tx: Tx, organisationId: number, credentialPublicId: string) {
  return tx
    .selectFrom('credentials')
    .select(['id', 'public_id', 'micro_credential_id', 'recipient_email'])
    .where('public_id', '=', credentialPublicId)
    .where('organisation_id', '=', organisationId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/** The credential's entries on the status lists, with the lists' bits, locked. */
export function lockStatusEntries(tx: Tx, credentialId: number) {
  return tx
    .selectFrom('status_entries as e')
    .innerJoin('status_lists as l', 'l.id', 'e.status_list_id')
    .select(['l.id', 'l.public_id', 'l.purpose', 'l.bits', 'l.version', 'e.list_index'])
    .where('e.credential_id', '=', credentialId)
    .forUpdate()
    .execute();
}

/** Sets (or clears) a credential's bit on a list; the list's version moves on. */
export async function flipStatusBit(
  tx: Tx,
  list: { id: number; bits: Uint8Array; version: number },
  index: number,
  value: boolean,
): Promise<void> {
  await tx
    .updateTable('status_lists')
    .set({ bits: setBit(list.bits, index, value), version: list.version + 1 })
    .where('id', '=', list.id)
    .execute();
}

/** The change as its history keeps it (the reason is shown publicly). */
export async function recordStatusEvent(
  tx: Tx,
  event: {
    credentialId: number;
    action: 'revoked' | 'suspended' | 'reinstated';
    reason: string | null;
    actorUserId: number | null;
    now: Date;
  },
): Promise<void> {
  await tx
    .insertInto('credential_status_events')
    .values({
      credential_id: event.credentialId,
      action: event.action,
      reason: event.reason,
      actor_user_id: event.actorUserId,
      created_at: event.now,
    })
    .execute();
}
