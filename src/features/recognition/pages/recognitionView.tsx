import type { Queryable } from '../../../storage/database.ts';
import { recognitionsForVersion, type Recognition } from '../queries/recognition.ts';
import { endorsementsForVersion } from '../queries/endorsements.ts';
import { recognitionPaths } from '../paths.ts';

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

/** "Recognized by X for N hours" (approved, in force, for exactly this version) and the endorsements. */
export function RecognitionPanel({ data }: { data: RecognitionPanelData }) {
  if (!data.recognitions.length && !data.endorsements.length) return null;
  return (
    <section class="card" aria-label="Recognition">
      {data.recognitions.length > 0 && (
        <ul class="stack-1">
          {data.recognitions.map((r) => (
            <li>
              <strong>
                Recognized by {r.recognizerName} for {r.hoursGranted}{' '}
                {r.hoursGranted === 1 ? 'hour' : 'hours'}
              </strong>{' '}
              <span class="muted">
                ({r.programName}, {r.licenseName}
                {r.endsOn ? `; until ${r.endsOn}` : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
      {data.endorsements.length > 0 && (
        <ul class="stack-1 mt-4">
          {data.endorsements.map((e) => (
            <li>
              Endorsed by {e.recognizerName}
              {e.comment ? `: “${e.comment}”` : ''} —{' '}
              <a href={recognitionPaths.endorsement(e.publicId)}>signed endorsement (Open Badges 3.0)</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
