import type { Config } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { Db } from '../storage/database.ts';
import { createProgram } from '../features/recognition/commands/createProgram.ts';
import { approveProgramSubmission } from '../features/recognition/commands/approveProgramSubmission.ts';
import { submitProgram } from '../features/recognition/commands/submitProgram.ts';

const BOARD = 'state-board-educator-licensing';
const UNION = 'riverside-educators-union';

/**
 * The demo's recognition: the state board's "Educator license renewal" program (5-year cycle,
 * 0.5 h per approved micro-credential) and its approval of the union's Classroom Routines.
 */
export async function seedDemoRecognition(deps: { db: Db; clock: Clock; config: Config }): Promise<void> {
  const userOf = async (email: string) =>
    (
      await deps.db
        .selectFrom('user_emails')
        .select('user_id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).user_id;
  const officer = { userId: await userOf('dana@board.example'), ip: null };
  const designer = { userId: await userOf('sam@union.example'), ip: null };
  const { publicId: program } = await createProgram(deps, {
    actor: officer,
    orgSlug: BOARD,
    name: 'Educator license renewal',
    licenseName: 'Professional Educator License',
    description:
      'Approved micro-credentials count toward the 150 hours of professional development needed to renew a Professional Educator License every five years.',
    cycleYears: 5,
    hoursRequired: 150,
    unitRule: 'fixed',
    fixedHours: 0.5,
    posting: 'automatic',
  });
  const mc = await deps.db
    .selectFrom('micro_credentials as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .innerJoin('catalog_entries as e', 'e.micro_credential_id', 'm.id')
    .select('m.public_id')
    .where('o.slug', '=', UNION)
    .where('e.title', '=', 'Classroom Routines')
    .executeTakeFirst();
  if (!mc) return;
  const { publicId: submission } = await submitProgram(deps, {
    actor: designer,
    orgSlug: UNION,
    program,
    microCredential: mc.public_id,
    statement:
      'Two trained peer reviewers score every submission (plan, lesson video, reflection) against a published rubric; reviewers are calibrated each term with second reviews.',
  });
  await approveProgramSubmission(deps, {
    actor: officer,
    orgSlug: BOARD,
    submission,
    hours: 0.5,
    body: 'Approved for license renewal credit.',
  });
}
