import type { Tx } from '../../../storage/database.ts';
import type { StatusList } from '../../../storage/schema.ts';
import { republishStatusList } from '../jobTypes.ts';
import { createStatusList, openStatusList, type StatusPurpose } from '../queries/statusLists.ts';

// Status lists are signed when they are written, never when they are read: GET /status/:id only
// serves the stored signed list. A list is signed when it is created and again after every change
// of a bit; both are queued as the typed job `status_list.publish` in the transaction that makes
// the change, so the job exists exactly when the change does (issuing also signs new lists right
// after its commit, the job then finds nothing to do).

/** The job that signs `list` at `version` (one per version: a repeat finds the first). */
export function publishListAt(
  tx: Tx,
  list: { public_id: string; organisation_id: number },
  version: number,
  now: Date,
) {
  return republishStatusList.enqueue(tx, { list: list.public_id }, now, {
    idempotencyKey: `status:${list.public_id}:${version}`,
    organisationId: list.organisation_id,
  });
}

/**
 * The list new credentials of an organisation get an entry in; when none has room, a new one,
 * whose first signing is queued in the same transaction.
 */
export async function currentStatusList(
  tx: Tx,
  organisationId: number,
  purpose: StatusPurpose,
  now: Date,
): Promise<StatusList> {
  const open = await openStatusList(tx, organisationId, purpose);
  if (open) return open;
  const created = await createStatusList(tx, organisationId, purpose, now);
  await publishListAt(tx, created, created.version, now);
  return created;
}
