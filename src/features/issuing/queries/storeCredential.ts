import { publicId } from '../../../domain/ids.ts';
import type { Tx } from '../../../storage/database.ts';
import { documentHash } from '../../../signing/organisationSigner.ts';

// The writes of issuing one credential: its row (the signed text verbatim, with its hash) and,
// for a catalog award by email, its award key.

/** What the credentials row records beside the signed document. */
export interface StoredCredentialFacts {
  organisationId: number;
  recipientEmail: string | null;
  recipientDid: string | null;
  keyId: number;
  jwt: string | null;
  issuedBy: number | null;
  microCredential?: { id: number; version: number };
  pathwayId?: number;
  now: Date;
}

/** Stores a signed credential exactly as signed; its dates and achievement are read from the document. */
export async function insertIssuedCredential(
  tx: Tx,
  signed: Record<string, unknown>,
  facts: StoredCredentialFacts,
): Promise<{ id: number; public_id: string }> {
  const text = JSON.stringify(signed);
  const subject = (signed.credentialSubject ?? {}) as { achievement?: { id?: string; name?: string } };
  return tx
    .insertInto('credentials')
    .values({
      public_id: publicId('cred'),
      organisation_id: facts.organisationId,
      credential_id: String(signed.id),
      recipient_email: facts.recipientEmail,
      recipient_did: facts.recipientDid,
      achievement_id: subject.achievement?.id ?? '',
      achievement_name: subject.achievement?.name ?? String(signed.name ?? ''),
      issuer_key_id: facts.keyId,
      document: text,
      document_sha256: documentHash(text),
      jwt: facts.jwt,
      valid_from: String(signed.validFrom ?? signed.issuanceDate ?? facts.now.toISOString()),
      valid_until:
        typeof signed.validUntil === 'string'
          ? signed.validUntil
          : typeof signed.expirationDate === 'string'
            ? signed.expirationDate
            : null,
      issued_at: facts.now,
      issued_by: facts.issuedBy,
      micro_credential_id: facts.microCredential?.id ?? null,
      micro_credential_version: facts.microCredential?.version ?? null,
      pathway_id: facts.pathwayId ?? null,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
}

/**
 * A catalog award by email is remembered under the bulk-award key, so a later roster sees that
 * this person already holds this version (an existing key is left as it is).
 */
export async function rememberAwardKey(
  tx: Tx,
  award: {
    organisationId: number;
    microCredential: { id: number; version: number };
    recipientEmail: string;
    credentialId: number;
    now: Date;
  },
): Promise<void> {
  await tx
    .insertInto('award_keys')
    .values({
      organisation_id: award.organisationId,
      micro_credential_id: award.microCredential.id,
      micro_credential_version: award.microCredential.version,
      recipient_email: award.recipientEmail.toLowerCase(),
      external_id: '',
      credential_id: award.credentialId,
      created_at: award.now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
