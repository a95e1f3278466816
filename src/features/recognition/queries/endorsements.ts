import type { Queryable } from '../../../storage/database.ts';

/** Endorsements in force for one micro-credential version (for the catalog and badge pages). */
export async function endorsementsForVersion(db: Queryable, microCredentialId: number, version: number) {
  const rows = await db
    .selectFrom('endorsements as e')
    .innerJoin('program_submissions as s', 's.id', 'e.submission_id')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select([
      'e.public_id',
      'e.document',
      'e.created_at',
      'o.name as recognizer_name',
      'o.slug as recognizer_slug',
    ])
    .where('s.micro_credential_id', '=', microCredentialId)
    .where('s.micro_credential_version', '=', version)
    .where('s.status', '=', 'approved')
    .where('e.revoked_at', 'is', null)
    .orderBy('e.id')
    .execute();
  return rows.map((r) => {
    const doc = JSON.parse(r.document) as { credentialSubject?: { endorsementComment?: string } };
    return {
      publicId: r.public_id,
      recognizerName: r.recognizer_name,
      recognizerSlug: r.recognizer_slug,
      comment: doc.credentialSubject?.endorsementComment ?? '',
      createdAt: r.created_at,
    };
  });
}
