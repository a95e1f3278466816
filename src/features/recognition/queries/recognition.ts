import { sql } from 'kysely';
import type { Queryable } from '../../../storage/database.ts';

/** One recognition that applies to a credential: the program, its recognizer and the hours granted. */
export interface Recognition {
  programId: number;
  programPublicId: string;
  programName: string;
  licenseName: string;
  recognizerOrganisationId: number;
  recognizerName: string;
  recognizerSlug: string;
  hoursGranted: number;
  submissionId: number;
  submissionPublicId: string;
  /** The approval's end date (YYYY-MM-DD) or null when open-ended. */
  endsOn: string | null;
}

/** A date as the `date` column compares it: YYYY-MM-DD (UTC) for a Date, the string as given otherwise. */
export function isoDate(onDate: Date | string): string {
  return typeof onDate === 'string' ? onDate.slice(0, 10) : onDate.toISOString().slice(0, 10);
}

function baseQuery(db: Queryable, onDate: Date | string) {
  return db
    .selectFrom('program_submissions as s')
    .innerJoin('recognition_programs as p', 'p.id', 's.program_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .where('s.status', '=', 'approved')
    .where((eb) =>
      eb.or([eb('s.ends_on', 'is', null), eb('s.ends_on', '>=', sql<string>`${isoDate(onDate)}::date`)]),
    )
    .select([
      'p.id as programId',
      'p.public_id as programPublicId',
      'p.name as programName',
      'p.license_name as licenseName',
      'o.id as recognizerOrganisationId',
      'o.name as recognizerName',
      'o.slug as recognizerSlug',
      's.hours_granted as hoursGranted',
      's.id as submissionId',
      's.public_id as submissionPublicId',
      sql<string | null>`s.ends_on::text`.as('endsOn'),
    ])
    .orderBy('o.name')
    .orderBy('p.name');
}

function toRecognition(r: {
  programId: number;
  programPublicId: string;
  programName: string;
  licenseName: string;
  recognizerOrganisationId: number;
  recognizerName: string;
  recognizerSlug: string;
  hoursGranted: number | null;
  submissionId: number;
  submissionPublicId: string;
  endsOn: string | null;
}): Recognition {
  return {
    ...r,
    programId: Number(r.programId),
    recognizerOrganisationId: Number(r.recognizerOrganisationId),
    submissionId: Number(r.submissionId),
    hoursGranted: r.hoursGranted === null ? 0 : Number(r.hoursGranted),
  };
}

/**
 * The recognitions of micro-credential version `version` of micro-credential `microCredentialId`
 * on `onDate`: approved submissions of exactly that version whose end date (if any) is not past.
 * A new version never inherits the approval of an older one.
 */
export async function recognitionsForVersion(
  db: Queryable,
  microCredentialId: number,
  version: number,
  onDate: Date | string,
): Promise<Recognition[]> {
  const rows = await baseQuery(db, onDate)
    .where('s.micro_credential_id', '=', microCredentialId)
    .where('s.micro_credential_version', '=', version)
    .execute();
  return rows.map(toRecognition);
}

/** The recognitions of many catalog entries (micro-credential public id + listed version) in one query, by public id. */
export async function recognitionsForCatalog(
  db: Queryable,
  entries: Array<{ public_id: string; version: number }>,
  onDate: Date | string,
): Promise<Map<string, Recognition[]>> {
  const found = new Map<string, Recognition[]>();
  if (entries.length === 0) return found;
  const rows = await baseQuery(db, onDate)
    .innerJoin('micro_credentials as m', 'm.id', 's.micro_credential_id')
    .select(['m.public_id as mcPublicId', 's.micro_credential_version as mcVersion'])
    .where(
      'm.public_id',
      'in',
      entries.map((e) => e.public_id),
    )
    .execute();
  const listed = new Map(entries.map((e) => [e.public_id, e.version]));
  for (const { mcPublicId, mcVersion, ...r } of rows) {
    if (listed.get(mcPublicId) !== mcVersion) continue; // only the listed (published) version counts
    found.set(mcPublicId, [...(found.get(mcPublicId) ?? []), toRecognition(r)]);
  }
  return found;
}

/** The recognitions of a pathway on `onDate` (they apply to credentials issued for that pathway). */
export async function recognitionsForPathway(
  db: Queryable,
  pathwayId: number,
  onDate: Date | string,
): Promise<Recognition[]> {
  const rows = await baseQuery(db, onDate).where('s.pathway_id', '=', pathwayId).execute();
  return rows.map(toRecognition);
}

/** The recognitions of a stack on `onDate`. */
export async function recognitionsForStack(
  db: Queryable,
  stackId: number,
  onDate: Date | string,
): Promise<Recognition[]> {
  const rows = await baseQuery(db, onDate).where('s.stack_id', '=', stackId).execute();
  return rows.map(toRecognition);
}

/** The recognitions of an issued credential: by its micro-credential version, or by its pathway. */
export async function recognitionsForCredential(
  db: Queryable,
  credential: {
    micro_credential_id: number | null;
    micro_credential_version: number | null;
    pathway_id: number | null;
  },
  onDate: Date | string,
): Promise<Recognition[]> {
  if (credential.micro_credential_id !== null && credential.micro_credential_version !== null) {
    return recognitionsForVersion(
      db,
      credential.micro_credential_id,
      credential.micro_credential_version,
      onDate,
    );
  }
  if (credential.pathway_id !== null) return recognitionsForPathway(db, credential.pathway_id, onDate);
  return [];
}
