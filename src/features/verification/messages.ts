import { commandMessage } from '../../web/i18n/commandMessages.ts';
import type { MessageValues } from '../../web/i18n/i18n.ts';
import type { verification } from '../../web/i18n/locales/en/errors/verification.ts';

/** A refusal of the credential reader or the VC API: one of `errors.verification.*`. */
export type VerificationMessage = Exclude<keyof typeof verification, 'keyDocument'>;

/** The braces a message writes as {open} and {close} (ICU reads a bare brace as a placeholder). */
const BRACES = { open: '{', close: '}' };

/** The message in English, from the catalogue (a page re-says it in the reader's language). */
export function verificationMessage(key: VerificationMessage, values?: MessageValues): string {
  return commandMessage(`errors.verification.${key}`, { ...BRACES, ...values });
}
