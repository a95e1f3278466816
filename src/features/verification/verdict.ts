import type { VerificationReport } from '../../credentials/verifier.ts';
import type { ImportedStatus } from '../../storage/schema.ts';

// A verification report's outcome, for pages and the backpack: pure, no database. The /verify
// page puts each check in words from the catalogue (verification.checks.*).

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
