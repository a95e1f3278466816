import type { CheckDetail, VerificationReport } from '../../../credentials/verifier.ts';
import type { ImportedStatus } from '../../../storage/schema.ts';
import { issuerIdentity, issuerLine, type IssuerIdentity } from '../../issuing/index.ts';
import type { SubmissionFormat } from '../commands/readSubmission.ts';
import { reportStatus } from '../verdict.ts';

/** The summary rows the page may show, in this order. */
export const SUMMARY_FIELDS = [
  'achievement',
  'issuer',
  'recipient',
  'validFrom',
  'validUntil',
  'id',
] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];

/** The checks the page names in words; any other is shown by its id. */
export const KNOWN_CHECKS = [
  'parse',
  'data_model',
  'schema',
  'ob3_fields',
  'issuer_key',
  'proof',
  'validity_window',
  'status',
  'embedded',
] as const;
export type KnownCheck = (typeof KNOWN_CHECKS)[number];

/** Who the credential is about: a name bound by it, an id, or only a hashed identifier. */
export interface RecipientFacts {
  name: string | null;
  id: string | null;
  hashed: boolean;
}

/**
 * What the /verify page shows of a report: facts and codes only, no report internals; the view
 * puts them in the reader's words (the catalogue's verification.* messages).
 */
export interface VerifyResultModel {
  verdict: ImportedStatus;
  verified: boolean;
  /** Where it was read from, and with which kind of proof. */
  readFrom: { format: SubmissionFormat; proof: 'ob2' | 'jwt' | 'ldp' | null };
  /** Checked as a plain W3C Verifiable Credential: the Open Badges checks do not apply. */
  genericVc: boolean;
  /**
   * What the credential says (only the rows it has); dates as written in the credential. The
   * achievement's name says its language (`inLanguage`, English when the credential does not say).
   */
  summary: Array<
    | {
        field: Exclude<SummaryField, 'recipient'>;
        /** As the credential says it (the issuer's line in English; the page words `issuer`). */
        text: string;
        lang?: string;
        /** The issuer row: who signed and what was proved of it, for the page to word. */
        issuer?: IssuerIdentity;
      }
    | { field: 'recipient'; recipient: RecipientFacts }
  >;
  /**
   * Each check: `code` is the verifier's stable code for what happened (worded by the page from
   * the catalogue's verification.checkCodes), `details` what the verifier says about it, as
   * message keys and values (worded from verification.checkDetails), with any text quoted as it
   * came (a library's error, the issuer's own words).
   */
  checks: Array<{ id: string; ok: boolean; code: string | null; details: CheckDetail[] }>;
}

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const nameOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v && typeof v === 'object' ? str((v as Json).name) : undefined;

/** Who the credential is about, and whether a name is bound by it or only shown elsewhere. */
function recipientOf(subject: Json | undefined): RecipientFacts | undefined {
  if (!subject) return undefined;
  const facts = {
    name: str(subject.name) ?? null,
    id: str(subject.id) ?? null,
    hashed: !!subject.identifier,
  };
  return facts.name || facts.id || facts.hashed ? facts : undefined;
}

/** What the credential says, in a few rows: achievement, issuer (with its verified identifier), recipient, dates. */
function summaryOf(credential: Json, identity: IssuerIdentity | null): VerifyResultModel['summary'] {
  const issuerText = identity ? issuerLine(identity) : undefined;
  const subject = [credential.credentialSubject].flat()[0] as Json | undefined;
  const achievement = (subject?.achievement ?? (credential.badge as Json | undefined)) as Json | undefined;
  const issuer = credential.issuer ?? (achievement?.issuer as unknown);
  const rows: [Exclude<SummaryField, 'recipient'>, string | undefined][] = [
    ['achievement', nameOf(achievement) ?? str(credential.name)],
    [
      'issuer',
      issuerText ??
        nameOf(issuer) ??
        (typeof issuer === 'object' && issuer ? str((issuer as Json).id) : str(issuer)),
    ],
    ['validFrom', str(credential.validFrom) ?? str(credential.issuanceDate) ?? str(credential.issuedOn)],
    ['validUntil', str(credential.validUntil) ?? str(credential.expirationDate) ?? str(credential.expires)],
    ['id', str(credential.id)],
  ];
  const lang = str(achievement?.inLanguage) ?? 'en';
  const summary: VerifyResultModel['summary'] = rows.flatMap(([field, text]): VerifyResultModel['summary'] =>
    !text
      ? []
      : field === 'achievement'
        ? [{ field, text, lang }]
        : field === 'issuer' && identity
          ? [{ field, text, issuer: identity }]
          : [{ field, text }],
  );
  const recipient = recipientOf(subject);
  if (recipient) summary.splice(Math.min(2, summary.length), 0, { field: 'recipient', recipient });
  return summary;
}

/** The /verify page's result, from a verification report and where the credential was read from. */
export function verifyResultModel(
  report: VerificationReport,
  format: SubmissionFormat,
  publicUrl: string,
): VerifyResultModel {
  const issuer = issuerIdentity(report, publicUrl);
  const proof =
    report.format === 'ob2' || report.format === 'jwt' || report.format === 'ldp' ? report.format : null;
  return {
    verdict: reportStatus(report).status,
    verified: report.verified,
    readFrom: { format, proof },
    genericVc: report.profiles?.some((p) => !p.claimed) ?? false,
    summary: report.credential ? summaryOf(report.credential, issuer) : [],
    checks: report.checks.map((check) => ({
      id: check.id,
      ok: check.ok,
      code: check.code ?? null,
      // A passing check may still tell something (a status message, a self-asserted credential).
      details: check.ok && check.id === 'parse' ? [] : (check.details ?? []),
    })),
  };
}
