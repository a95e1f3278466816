import type { Queryable } from '../../../storage/database.ts';
import { recognitionsForVersion, type Recognition } from '../queries/recognition.ts';
import { endorsementsForVersion } from '../queries/endorsements.ts';

export interface RecognitionPanelData {
  recognitions: Recognition[];
  endorsements: Awaited<ReturnType<typeof endorsementsForVersion>>;
}

/** The recognitions in force and the endorsements of one micro-credential version. */
export async function recognitionPanelData(
  db: Queryable,
  microCredentialId: number,
  version: number,
  now: Date,
): Promise<RecognitionPanelData> {
  const [recognitions, endorsements] = await Promise.all([
    recognitionsForVersion(db, microCredentialId, version, now),
    endorsementsForVersion(db, microCredentialId, version),
  ]);
  return { recognitions, endorsements };
}
