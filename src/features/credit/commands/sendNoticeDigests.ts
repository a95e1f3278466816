import { appLink } from '../../../domain/commands.ts';
import type { Config } from '../../../config.ts';
import type { Clock } from '../../../domain/clock.ts';
import { inTransaction, type Db } from '../../../storage/database.ts';
import { queueMail } from '../../../mail/outbox.ts';
import type { RenderedMail } from '../../../mail/templates.tsx';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../../web/i18n/i18n.ts';
import { noticeDigestMail } from '../mail.tsx';
import { ledgerPaths } from '../paths.ts';
import {
  lockUndigestedNotices,
  markNoticesDigested,
  programsWithUndigestedNotices,
  recognitionOfficerAddresses,
} from '../queries/digest.ts';

/**
 * The daily digest (job `recognition.digest`): for every program that asks for one, emails its
 * recognition officers the notices that arrived since the last digest, in the transaction that
 * marks them listed. A notice is in one digest only.
 */
export async function sendNoticeDigests(deps: { db: Db; clock: Clock; config: Config }): Promise<void> {
  const { db, clock, config } = deps;
  const now = clock.now();
  for (const program of await programsWithUndigestedNotices(db)) {
    await inTransaction(db, async (tx) => {
      const notices = await lockUndigestedNotices(tx, program.id);
      if (notices.length === 0) return;
      const digest = {
        organisationName: program.organisation_name,
        programName: program.name,
        lines: notices.map((n) => ({
          earner: n.recipient_email,
          achievement: n.achievement_name,
          issuer: n.issuer_name,
          licensed: n.license_state === 'confirmed',
        })),
        link: appLink(config, ledgerPaths.notices(program.slug)),
      };
      // Each officer reads it in the language they saved.
      const mails = new Map<Locale, RenderedMail>();
      const mailIn = (locale: Locale) =>
        mails.get(locale) ?? mails.set(locale, noticeDigestMail({ ...digest, locale })).get(locale)!;
      for (const officer of await recognitionOfficerAddresses(tx, program.organisation_id)) {
        const mail = mailIn(isLocale(officer.locale) ? officer.locale : DEFAULT_LOCALE);
        await queueMail(tx, officer.email, mail, now, { organisationId: program.organisation_id });
      }
      await markNoticesDigested(
        tx,
        notices.map((n) => n.id),
        now,
      );
    });
  }
}
