import type { Queryable } from '../../../storage/database.ts';
import { reverseCredits } from '../jobTypes.ts';

/** Called in the revoking transaction: reverses every credit the credential earned (in a job). */
export async function enqueueCreditReversal(tx: Queryable, credentialId: number, now: Date): Promise<void> {
  const credential = await tx
    .selectFrom('credentials')
    .select(['micro_credential_id', 'pathway_id', 'organisation_id'])
    .where('id', '=', credentialId)
    .executeTakeFirst();
  if (!credential || (credential.micro_credential_id === null && credential.pathway_id === null)) return;
  await reverseCredits.enqueue(tx, { credentialId }, now, {
    idempotencyKey: `recognition-reverse:${credentialId}`,
    organisationId: credential.organisation_id,
  });
}
