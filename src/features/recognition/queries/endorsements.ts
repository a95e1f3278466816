import type { Queryable } from '../../../storage/database.ts';
import { publicId } from '../../../domain/ids.ts';

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

/** The endorsement in force for a submission's approval, if any. */
export async function currentEndorsement(db: Queryable, submissionId: number) {
  return db
    .selectFrom('endorsements')
    .select('public_id')
    .where('submission_id', '=', submissionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The title of one micro-credential version. */
export async function versionTitle(
  db: Queryable,
  microCredentialId: number,
  version: number,
): Promise<string> {
  const row = await db
    .selectFrom('micro_credential_versions')
    .select('title')
    .where('micro_credential_id', '=', microCredentialId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return row.title;
}

/** Stores a signed endorsement verbatim with its hash; returns its public id. */
export async function insertEndorsement(
  db: Queryable,
  endorsement: {
    submissionId: number;
    organisationId: number;
    document: string;
    sha256: string;
    by: number | null;
  },
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto('endorsements')
    .values({
      public_id: publicId('end'),
      submission_id: endorsement.submissionId,
      organisation_id: endorsement.organisationId,
      document: endorsement.document,
      sha256: endorsement.sha256,
      created_by: endorsement.by,
      created_at: now,
    })
    .returning('public_id')
    .executeTakeFirstOrThrow();
  return row.public_id;
}
