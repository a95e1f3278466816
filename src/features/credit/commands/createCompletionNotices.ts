import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { recognitionsForCredential } from '../../recognition/index.ts';
import { dayOf } from '../renewal.ts';
import { userForEmail } from '../queries/earners.ts';
import { licenseRecordFor } from '../queries/licenseRecords.ts';
import { credentialForNotices, insertCompletionNotice, programPosting } from '../queries/posting.ts';
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
  const credential = await credentialForNotices(deps.db, credentialId);
  if (!credential) return 0;
  const recognitions = await recognitionsForCredential(deps.db, credential, dayOf(credential.issued_at));
  const userId = await userForEmail(deps.db, credential.recipient_email);
  let created = 0;
  for (const r of recognitions) {
    await inTransaction(deps.db, async (tx) => {
      const posting = await programPosting(tx, r.programId);
      const license = userId === null ? undefined : await licenseRecordFor(tx, r.programId, userId);
      const notice = await insertCompletionNotice(
        tx,
        {
          programId: r.programId,
          credentialId: credential.id,
          submissionId: r.submissionId,
          licenseRecordId: license?.id ?? null,
          document: credential.document,
          hoursGranted: r.hoursGranted,
        },
        now,
      );
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
      if (posting === 'automatic' && license?.state === 'confirmed')
        await postCreditInTx(tx, notice.id, { userId: null, ip: null }, now, { quiet: true });
    });
  }
  return created;
}
