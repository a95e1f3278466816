import { createCompletionNotices } from './commands/createCompletionNotices.ts';
import { reverseCredit } from './commands/reverseCredit.ts';
import { notifyRecognizers, reverseCredits, sendNoticeDigests } from './jobTypes.ts';
import { ledgerPaths } from './paths.ts';
import { appLink } from '../../domain/commands.ts';
import { inTransaction } from '../../storage/database.ts';
import { queueMail } from '../../mail/outbox.ts';
import { noticeDigestMail } from './mail.tsx';
import { defineJob } from '../../jobs/definition.ts';
import type { ScheduleDefinition } from '../../jobs/schedules.ts';

/** Writes the completion notices of a credential issued for a recognized version or pathway. */
export const notifyRecognizersJob = defineJob({
  ...notifyRecognizers,
  async handle({ credentialId }, deps) {
    await createCompletionNotices(deps, { credentialId });
  },
});

/** Reverses the credit of a revoked credential. */
export const reverseCreditsJob = defineJob({
  ...reverseCredits,
  async handle({ credentialId }, deps) {
    await reverseCredit(deps, { credentialId });
  },
});

/**
 * The daily digest: for every program that asks for one, emails its recognition officers the
 * notices that arrived since the last digest. A notice is in one digest only.
 */
export const sendNoticeDigestsJob = defineJob({
  ...sendNoticeDigests,
  async handle(_payload, { db, clock, config }) {
    const now = clock.now();
    const programs = await db
      .selectFrom('recognition_programs as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['p.id', 'p.name', 'p.organisation_id', 'o.name as organisation_name', 'o.slug'])
      .where('p.digest_email', '=', true)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('completion_notices as n')
            .select('n.id')
            .whereRef('n.program_id', '=', 'p.id')
            .where('n.state', '=', 'new')
            .where('n.digest_sent_at', 'is', null),
        ),
      )
      .execute();
    for (const program of programs) {
      await inTransaction(db, async (tx) => {
        const notices = await tx
          .selectFrom('completion_notices as n')
          .innerJoin('credentials as c', 'c.id', 'n.credential_id')
          .innerJoin('organisations as i', 'i.id', 'c.organisation_id')
          .leftJoin('license_records as l', 'l.id', 'n.license_record_id')
          .select([
            'n.id',
            'c.recipient_email',
            'c.achievement_name',
            'i.name as issuer_name',
            'l.state as license_state',
          ])
          .where('n.program_id', '=', program.id)
          .where('n.state', '=', 'new')
          .where('n.digest_sent_at', 'is', null)
          .orderBy('n.id')
          .forUpdate('n')
          .skipLocked()
          .execute();
        if (notices.length === 0) return;
        const officers = await tx
          .selectFrom('memberships as m')
          .innerJoin('user_emails as e', 'e.user_id', 'm.user_id')
          .select('e.email')
          .where('m.organisation_id', '=', program.organisation_id)
          .where('e.is_primary', '=', true)
          .where('e.confirmed_at', 'is not', null)
          .where((eb) =>
            eb.or([
              eb(eb.val('recognition_officer'), '=', eb.fn.any('m.roles')),
              eb(eb.val('admin'), '=', eb.fn.any('m.roles')),
              eb(eb.val('owner'), '=', eb.fn.any('m.roles')),
            ]),
          )
          .execute();
        const mail = noticeDigestMail({
          organisationName: program.organisation_name,
          programName: program.name,
          lines: notices.map((n) => ({
            earner: n.recipient_email ?? 'An earner',
            achievement: n.achievement_name,
            issuer: n.issuer_name,
            licensed: n.license_state === 'confirmed',
          })),
          link: appLink(config, ledgerPaths.notices(program.slug)),
        });
        for (const o of officers)
          await queueMail(tx, o.email, mail, now, { organisationId: program.organisation_id });
        await tx
          .updateTable('completion_notices')
          .set({ digest_sent_at: now })
          .where(
            'id',
            'in',
            notices.map((n) => n.id),
          )
          .execute();
      });
    }
  },
});

export const ledgerJobs = [notifyRecognizersJob, reverseCreditsJob, sendNoticeDigestsJob];

/** The daily digest runs once per day slot, whichever process ticks first. */
export const ledgerSchedules: ScheduleDefinition[] = [
  { name: 'recognition-notice-digest', jobType: sendNoticeDigests.type, everySeconds: 86_400 },
];
