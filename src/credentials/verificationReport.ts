/** What verifying returns: a report of small checks, never an exception (Digital Bazaar's style). */
import { detailText, type CheckDetail } from './checkMessages.ts';

export type { CheckDetail, CheckMessageKey, CheckValues, QuotedText } from './checkMessages.ts';

/** What happened in a check, stable for programs and for wording (snake_case). */
export type CheckCode =
  | 'parse_failed'
  | 'too_large'
  | 'too_deep'
  | 'jsonld_invalid'
  | 'schema_invalid'
  | 'field_missing'
  | 'key_unresolved'
  | 'key_revoked'
  | 'issuer_mismatch'
  | 'unsupported_key_type'
  | 'holder_missing'
  | 'holder_mismatch'
  | 'proof_missing'
  | 'proof_malformed'
  | 'proof_invalid'
  | 'proof_unverifiable'
  | 'proof_expired'
  | 'proof_purpose_mismatch'
  | 'proof_chain_broken'
  | 'too_many_proofs'
  | 'challenge_mismatch'
  | 'domain_mismatch'
  | 'verification_budget_exceeded'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_date'
  | 'revoked'
  | 'suspended'
  | 'status_malformed'
  | 'status_unavailable'
  | 'status_unverifiable'
  | 'status_list_too_short'
  | 'status_out_of_range'
  | 'related_resource_digest_mismatch'
  | 'embedded_invalid'
  | 'embedded_too_many'
  | 'embedded_unchecked'
  | 'self_asserted'
  | 'status_notes';

/**
 * A rule of the W3C data model a credential or presentation breaks (vcDataModel.ts: one code per
 * rule, such as `issuer_missing`, made from the property's name); only the data_model and
 * presentation checks carry one.
 */
export type DataModelRule = string;

/** One concern of a verification, with a stable snake_case code when it fails. */
export interface Check {
  id:
    | 'parse'
    | 'data_model'
    | 'schema'
    | 'ob3_fields'
    | 'issuer_key'
    | 'proof'
    | 'validity_window'
    | 'status'
    | 'embedded';
  ok: boolean;
  /**
   * What happened, stable for programs and for wording: a failure's reason, or a passing check's
   * note ('self_asserted', 'status_notes'). Pages word a check by its code; `message` is detail.
   */
  code?: CheckCode | DataModelRule;
  /** What the check says, in English (the VC API's and JSON answers' text): its details' English. */
  message?: string;
  /** What `message` says, as message keys and values (checkMessages.ts), for wording it in any language. */
  details?: CheckDetail[];
  /** Set on the checks of a profile (Open Badges 3.0, CLR 2.0): present only when the credential claims it. */
  profile?: 'ob3' | 'clr';
}

/**
 * A profile the credential was measured against. Every credential is verified as a W3C
 * Verifiable Credential; the Open Badges (or CLR) checks decide only when it says it is one.
 */
export interface ProfileResult {
  id: 'open-badges-3.0' | 'clr-2.0';
  /** The credential's type says it is one (OpenBadgeCredential, AchievementCredential, EndorsementCredential, ClrCredential). */
  claimed: boolean;
  ok: boolean;
  message?: string;
  details?: CheckDetail[];
}

/** What one status entry of the credential says (Bitstring Status List). */
export interface StatusResult {
  purpose: string;
  list: string;
  index: number;
  /** The status value (0 = not set); absent when the list could not be checked. */
  value?: number;
  /** The issuer's message for that value (statusMessage), when it gives one. */
  message?: string;
  references?: string[];
}

/** What verifying tells: never an exception, always a report. */
export interface VerificationReport {
  verified: boolean;
  format: 'ldp' | 'jwt' | 'ob2' | 'unknown';
  credential?: Record<string, unknown>;
  checks: Check[];
  /** The profiles measured (Open Badges 3.0 / CLR 2.0), claimed or not. */
  profiles?: ProfileResult[];
  /** Each status entry's value and message. */
  statuses?: StatusResult[];
}

/** The English of several details: sentences one after another, or the items of a list after the first. */
export function detailsText(details: CheckDetail[], separator = ' '): string {
  return details.map(detailText).join(separator);
}

/** A check that says something (failing, or passing with a note): its code, details and their English. */
export function checkSaying<I extends Check['id']>(
  id: I,
  ok: boolean,
  code: CheckCode | undefined,
  details: CheckDetail[],
  separator?: string,
): Check & { id: I } {
  return {
    id,
    ok,
    ...(code ? { code } : {}),
    message: detailsText(details, separator),
    details,
  };
}

/** A failed check, with what it says. */
export const failedCheck = <I extends Check['id']>(
  id: I,
  code: CheckCode,
  ...details: CheckDetail[]
): Check & { id: I } => checkSaying(id, false, code, details);
