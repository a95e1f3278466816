import type { Queryable } from '../../../storage/database.ts';
import { reverseCredits } from '../jobTypes.ts';
import { credentialForReversal } from '../queries/reversals.ts';

/** Called in the revoking transaction: reverses every credit the credential earned (in a job). */
export async function enqueueCreditReversal(tx: Queryable, credentialId: number, now: Date): Promise<void> {
  const credential = await credentialForReversal(tx, credentialId);
  if (!credential || (credential.micro_credential_id === null && credential.pathway_id === null)) return;
  await reverseCredits.enqueue(tx, { credentialId }, now, {
    idempotencyKey: `recognition-reverse:${credentialId}`,
    organisationId: credential.organisation_id,
  });
}
