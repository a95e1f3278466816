import { z } from 'zod';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** What the credit commands act on, named by public ids (from the path; checked here all the same). */
const id = (message: string) => z.string({ message }).trim().min(1, message);

/** A completion notice of a recognizer's program. */
export const noticeTarget = z.object({
  orgSlug: id(commandMessage('errors.credit.nameOrganisation')),
  notice: id(commandMessage('errors.credit.nameNotice')),
});

/** A license record a recognizer decides. */
export const licenseTarget = z.object({
  orgSlug: id(commandMessage('errors.credit.nameOrganisation')),
  license: id(commandMessage('errors.credit.nameLicense')),
});

/** One of the earner's own license records. */
export const ownLicenseTarget = z.object({ license: id(commandMessage('errors.credit.nameLicense')) });
