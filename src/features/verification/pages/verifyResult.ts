import type { VerificationReport } from '../../../credentials/verifier.ts';
import { issuerIdentity, issuerLine } from '../../issuing/index.ts';
import type { SubmissionFormat } from '../commands/readSubmission.ts';
import { explainCheck, verdictOf } from '../verdict.ts';

/** What the /verify page shows of a report: plain words only, no report internals. */
export interface VerifyResultModel {
  verdict: ReturnType<typeof verdictOf>;
  verified: boolean;
  /** Where it was read from, e.g. "a baked PNG image (Data Integrity proof)". */
  readFrom: string;
  /** Checked as a plain W3C Verifiable Credential: the Open Badges checks do not apply. */
  genericVc: boolean;
  /** What the credential says, as label → text rows (only those it has). */
  summary: Array<{ label: string; text: string }>;
  checks: Array<{ id: string; ok: boolean; title: string; text: string }>;
}

type Json = Record<string, unknown>;

const FORMAT_WORDS: Record<SubmissionFormat, string> = {
  json: 'pasted JSON',
  jws: 'a compact JWS (VC-JWT)',
  png: 'a baked PNG image',
  svg: 'a baked SVG image',
  url: 'a URL',
};
const PROOF_WORDS: Record<string, string> = {
  ob2: ' (Open Badges 2.0)',
  jwt: ' (VC-JWT)',
  ldp: ' (Data Integrity proof)',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const nameOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v && typeof v === 'object' ? str((v as Json).name) : undefined;

/** Who the credential is about, and whether a name is bound by it or only shown elsewhere. */
function recipientLine(subject: Json | undefined): string | undefined {
  if (!subject) return undefined;
  const name = str(subject.name);
  const who =
    str(subject.id) ??
    (subject.identifier ? 'identified by a hashed identifier (such as an email address)' : undefined);
  if (name) return `${name}, named in the signed credential${who ? `; ${who}` : ''}`;
  return who
    ? `${who}. The credential names no one: a name shown beside the badge (for example on its badge page) comes from that site, not from the signed credential.`
    : undefined;
}

/** What the credential says, in a few rows: achievement, issuer (with its verified identifier), recipient, dates. */
function summaryOf(credential: Json, issuerText: string | undefined): VerifyResultModel['summary'] {
  const subject = [credential.credentialSubject].flat()[0] as Json | undefined;
  const achievement = (subject?.achievement ?? (credential.badge as Json | undefined)) as Json | undefined;
  const issuer = credential.issuer ?? (achievement?.issuer as unknown);
  const rows: [string, string | undefined][] = [
    ['Achievement', nameOf(achievement) ?? str(credential.name)],
    [
      'Issuer',
      issuerText ??
        nameOf(issuer) ??
        (typeof issuer === 'object' && issuer ? str((issuer as Json).id) : str(issuer)),
    ],
    ['Recipient', recipientLine(subject)],
    ['Valid from', str(credential.validFrom) ?? str(credential.issuanceDate) ?? str(credential.issuedOn)],
    ['Valid until', str(credential.validUntil) ?? str(credential.expirationDate) ?? str(credential.expires)],
    ['Credential id', str(credential.id)],
  ];
  return rows.flatMap(([label, text]) => (text ? [{ label, text }] : []));
}

/** The /verify page's result, from a verification report and where the credential was read from. */
export function verifyResultModel(
  report: VerificationReport,
  format: SubmissionFormat,
  publicUrl: string,
): VerifyResultModel {
  const issuer = issuerIdentity(report, publicUrl);
  return {
    verdict: verdictOf(report),
    verified: report.verified,
    readFrom: `${FORMAT_WORDS[format]}${PROOF_WORDS[report.format] ?? ''}`,
    genericVc: report.profiles?.some((p) => !p.claimed) ?? false,
    summary: report.credential ? summaryOf(report.credential, issuer ? issuerLine(issuer) : undefined) : [],
    checks: report.checks.map((check) => ({ id: check.id, ok: check.ok, ...explainCheck(check) })),
  };
}
