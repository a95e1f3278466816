import { z } from 'zod';

/** What the credit commands act on, named by public ids (from the path; checked here all the same). */
const id = (what: string) =>
  z
    .string({ message: `Name the ${what}.` })
    .trim()
    .min(1, `Name the ${what}.`);

/** A completion notice of a recognizer's program. */
export const noticeTarget = z.object({ orgSlug: id('organisation'), notice: id('notice') });

/** A license record a recognizer decides. */
export const licenseTarget = z.object({ orgSlug: id('organisation'), license: id('license record') });

/** One of the earner's own license records. */
export const ownLicenseTarget = z.object({ license: id('license record') });
