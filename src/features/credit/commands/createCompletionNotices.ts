import { publicId } from '../../../domain/ids.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { recognitionsForCredential } from '../../recognition/index.ts';
import { dayOf } from '../renewal.ts';
import { userForEmail } from '../queries/earners.ts';
import { postCreditInTx } from './creditPosting.ts';

/**
 * The `recognition.notify` job: one completion notice per program recognizing the credential on
 * its issue date (idempotent by unique(program, credential)), carrying the signed text as issued;
 * the recognizer's webhooks fire from the audit entry (features/webhooks); automatic programs post credit when the earner's license is confirmed.
 */
export async function createCompletionNotices(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  { credentialId }: { credentialId: number },
): Promise<number> {
  const now = deps.clock.now();
  const credential = await deps.db
    .selectFrom('credentials as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.public_id',
      'c.document',
      'c.recipient_email',
      'c.issued_at',
      'c.micro_credential_id',
      'c.micro_credential_version',
      'c.pathway_id',
      'c.organisation_id',
      'c.achievement_name',
      'o.name as issuer_name',
    ])
    .where('c.id', '=', credentialId)
    .executeTakeFirst();
  if (!credential) return 0;
  const recognitions = await recognitionsForCredential(deps.db, credential, dayOf(credential.issued_at));
  const userId = await userForEmail(deps.db, credential.recipient_email);
  let created = 0;
  for (const r of recognitions) {
    await inTransaction(deps.db, async (tx) => {
      const program = await tx
        .selectFrom('recognition_programs')
        .select(['id', 'posting'])
        .where('id', '=', r.programId)
        .executeTakeFirstOrThrow();
      const license =
        userId === null
          ? undefined
          : await tx
              .selectFrom('license_records')
              .select(['id', 'state'])
              .where('program_id', '=', r.programId)
              .where('user_id', '=', userId)
              .executeTakeFirst();
      const notice = await tx
        .insertInto('completion_notices')
        .values({
          public_id: publicId('notice'),
          program_id: r.programId,
          credential_id: credential.id,
          submission_id: r.submissionId,
          license_record_id: license?.id ?? null,
          document: credential.document,
          hours_granted: r.hoursGranted,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['program_id', 'credential_id']).doNothing())
        .returning(['id', 'public_id'])
        .executeTakeFirst();
      if (!notice) return;
      created++;
      await recordAudit(
        tx,
        {
          organisationId: r.recognizerOrganisationId,
          actorUserId: null,
          action: 'notice.created',
          subjectType: 'completion_notice',
          subjectId: notice.public_id,
          data: {
            credential: credential.public_id,
            program: r.programPublicId,
            issuer: credential.issuer_name,
            achievement: credential.achievement_name,
          },
          ip: null,
        },
        now,
      );
      await recordAudit(
        tx,
        {
          organisationId: credential.organisation_id,
          actorUserId: null,
          action: 'credential.notice_sent',
          subjectType: 'credential',
          subjectId: credential.public_id,
          data: { recognizer: r.recognizerName, program: r.programName, notice: notice.public_id },
          ip: null,
        },
        now,
      );
      if (program.posting === 'automatic' && license?.state === 'confirmed')
        await postCreditInTx(tx, notice.id, { userId: null, ip: null }, now, { quiet: true });
    });
  }
  return created;
}
