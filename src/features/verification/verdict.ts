import type { VerificationReport } from '../../credentials/verifier.ts';
import type { ImportedStatus } from '../../storage/schema.ts';

// A verification report in words, for pages and the backpack: pure, no database.

const CHECK_WORDS: Record<string, { ok: string; title: string }> = {
  parse: { title: 'Readable', ok: 'The credential could be read.' },
  data_model: { title: 'Verifiable credential', ok: 'It follows the W3C Verifiable Credentials data model.' },
  schema: {
    title: 'Official format',
    ok: 'It follows the official schema of its kind (Open Badges 3.0 or CLR 2.0).',
  },
  ob3_fields: { title: 'Required fields', ok: 'Every field a badge needs is there.' },
  issuer_key: { title: 'Issuer’s key', ok: 'The signing key was found and belongs to the issuer.' },
  proof: { title: 'Signature', ok: 'The signature matches: nothing was changed since it was issued.' },
  validity_window: { title: 'Dates', ok: 'It is within its valid dates.' },
  status: { title: 'Status', ok: 'The issuer has not revoked or suspended it.' },
  embedded: { title: 'Credentials inside', ok: 'Every credential the transcript carries verifies too.' },
};

/** A check in plain words, for pages. */
export function explainCheck(check: { id: string; ok: boolean; message?: string }): {
  title: string;
  text: string;
} {
  const words = CHECK_WORDS[check.id] ?? { title: check.id, ok: 'Passed.' };
  // A passing check may still tell something (a status message, a self-asserted credential).
  return {
    title: words.title,
    text: check.ok
      ? check.message && check.id !== 'parse'
        ? `${words.ok} ${check.message}`
        : words.ok
      : (check.message ?? 'Failed.'),
  };
}

/**
 * What a verification says, in one word, and why when it failed: a credential whose signature,
 * key or format fails is not valid, whatever its status list says.
 */
export function reportStatus(report: VerificationReport): { status: ImportedStatus; reason: string | null } {
  if (report.verified) return { status: 'valid', reason: null };
  const failed = report.checks.filter((c) => !c.ok);
  const reason = failed.map((c) => c.message ?? c.code ?? c.id).join(' ');
  if (failed.some((c) => c.id !== 'status' && c.id !== 'validity_window'))
    return { status: 'failed', reason };
  if (failed.some((c) => c.code === 'revoked')) return { status: 'revoked', reason };
  if (failed.some((c) => c.code === 'suspended')) return { status: 'suspended', reason };
  if (failed.some((c) => c.code === 'expired')) return { status: 'expired', reason };
  return { status: 'failed', reason };
}

const VERDICT: Record<ImportedStatus, 'Valid' | 'Revoked' | 'Suspended' | 'Expired' | 'Not verified'> = {
  valid: 'Valid',
  revoked: 'Revoked',
  suspended: 'Suspended',
  expired: 'Expired',
  failed: 'Not verified',
};

/** The one-word verdict of a report, for pages: valid, revoked, suspended, expired or not verified. */
export function verdictOf(
  report: VerificationReport,
): 'Valid' | 'Revoked' | 'Suspended' | 'Expired' | 'Not verified' {
  return VERDICT[reportStatus(report).status];
}
