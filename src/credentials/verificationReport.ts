/** What verifying returns: a report of small checks, never an exception (Digital Bazaar's style). */

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
  code?: string;
  message?: string;
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
