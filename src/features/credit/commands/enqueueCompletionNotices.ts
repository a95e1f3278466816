import type { Queryable } from '../../../storage/database.ts';
import { recognitionsForCredential } from '../../recognition/index.ts';
import { dayOf } from '../renewal.ts';
import { notifyRecognizers } from '../jobTypes.ts';

/**
 * Called in the issuing transaction: when the new credential's micro-credential version (or
 * pathway) is recognized by any program on its issue date, enqueues the job that writes the
 * completion notices. The job exists exactly when the credential does.
 */
export async function enqueueCompletionNotices(
  tx: Queryable,
  credentialId: number,
  now: Date,
): Promise<void> {
  const credential = await tx
    .selectFrom('credentials')
    .select([
      'id',
      'micro_credential_id',
      'micro_credential_version',
      'pathway_id',
      'issued_at',
      'organisation_id',
    ])
    .where('id', '=', credentialId)
    .executeTakeFirst();
  if (!credential || (credential.micro_credential_id === null && credential.pathway_id === null)) return;
  const recognitions = await recognitionsForCredential(tx, credential, dayOf(credential.issued_at));
  if (recognitions.length === 0) return;
  await notifyRecognizers.enqueue(tx, { credentialId }, now, {
    idempotencyKey: `recognition-notify:${credentialId}`,
    organisationId: credential.organisation_id,
  });
}

/**
 * The batch form of enqueueCompletionNotices, for issuing paths that insert many credentials of
 * one micro-credential version at once (bulk awards): one recognition lookup, one job per credential.
 */
export async function enqueueCompletionNoticesForMany(
  tx: Queryable,
  credentialIds: number[],
  now: Date,
): Promise<number> {
  if (credentialIds.length === 0) return 0;
  const rows = await tx
    .selectFrom('credentials')
    .select([
      'id',
      'micro_credential_id',
      'micro_credential_version',
      'pathway_id',
      'issued_at',
      'organisation_id',
    ])
    .where('id', 'in', credentialIds)
    .execute();
  const recognized = new Map<string, boolean>();
  const notify: typeof rows = [];
  for (const c of rows) {
    if (c.micro_credential_id === null && c.pathway_id === null) continue;
    const key = `${c.micro_credential_id}:${c.micro_credential_version}:${c.pathway_id}:${dayOf(c.issued_at)}`;
    if (!recognized.has(key))
      recognized.set(key, (await recognitionsForCredential(tx, c, dayOf(c.issued_at))).length > 0);
    if (recognized.get(key)) notify.push(c);
  }
  if (notify.length === 0) return 0;
  // One statement for the batch, with the keys enqueueCompletionNotices uses (a job that exists stays).
  // The kernel's typed enqueue takes one job at a time; the workers pick these up on their next poll.
  await tx
    .insertInto('jobs')
    .values(
      notify.map((c) => ({
        type: notifyRecognizers.type,
        payload: JSON.stringify(notifyRecognizers.payload.parse({ credentialId: c.id })),
        run_at: now,
        idempotency_key: `recognition-notify:${c.id}`,
        max_attempts: 8,
        organisation_id: c.organisation_id,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  return notify.length;
}
