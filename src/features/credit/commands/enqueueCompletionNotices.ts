import type { Queryable } from '../../../storage/database.ts';
import { recognitionsForCredential } from '../../recognition/index.ts';
import { dayOf } from '../renewal.ts';
import { notifyRecognizers } from '../jobTypes.ts';
import { credentialsForRecognition } from '../queries/posting.ts';

/** One notify job per credential, whichever path enqueues it (a job that exists stays). */
const notifyOptions = (credential: { id: number; organisation_id: number }) => ({
  idempotencyKey: `recognition-notify:${credential.id}`,
  organisationId: credential.organisation_id,
});

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
  const [credential] = await credentialsForRecognition(tx, [credentialId]);
  if (!credential || (credential.micro_credential_id === null && credential.pathway_id === null)) return;
  const recognitions = await recognitionsForCredential(tx, credential, dayOf(credential.issued_at));
  if (recognitions.length === 0) return;
  await notifyRecognizers.enqueue(tx, { credentialId }, now, notifyOptions(credential));
}

/**
 * The batch form of enqueueCompletionNotices, for issuing paths that insert many credentials of
 * one micro-credential version at once (bulk awards): one recognition lookup per version and
 * day, one job per recognized credential, queued as one typed batch. Returns how many credentials
 * are recognized.
 */
export async function enqueueCompletionNoticesForMany(
  tx: Queryable,
  credentialIds: number[],
  now: Date,
): Promise<number> {
  if (credentialIds.length === 0) return 0;
  const rows = await credentialsForRecognition(tx, credentialIds);
  const recognized = new Map<string, boolean>();
  const notify: typeof rows = [];
  for (const c of rows) {
    if (c.micro_credential_id === null && c.pathway_id === null) continue;
    const key = `${c.micro_credential_id}:${c.micro_credential_version}:${c.pathway_id}:${dayOf(c.issued_at)}`;
    if (!recognized.has(key))
      recognized.set(key, (await recognitionsForCredential(tx, c, dayOf(c.issued_at))).length > 0);
    if (recognized.get(key)) notify.push(c);
  }
  await notifyRecognizers.enqueueMany(
    tx,
    notify.map((c) => ({ credentialId: c.id })),
    now,
    (_payload, i) => notifyOptions(notify[i]!),
  );
  return notify.length;
}
