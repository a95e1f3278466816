import { AppError } from '../../../domain/errors.ts';
import { ob2ProvidedDocuments } from '../../../credentials/ob2.ts';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import { readSubmission, type ReadDeps, type ReadSubmission, type Submission } from './readSubmission.ts';
import { verifyWithCairn } from './verifyCredential.ts';
import { verificationMessage } from '../messages.ts';

/** An Open Badges 2.0 issuer key document given beside a signed assertion, read into documents the verifier takes. */
function providedDocuments(issuerKey: string | undefined) {
  if (!issuerKey?.trim()) return undefined;
  try {
    return ob2ProvidedDocuments(JSON.parse(issuerKey) as unknown);
  } catch (err) {
    throw new AppError(
      'validation_failed',
      verificationMessage('issuerKey', { reason: (err as Error).message }),
      { issuerKey: verificationMessage('issuerKeyField') },
    );
  }
}

/** Reads and verifies a submission; every check of the report is there to show in plain words. */
export async function verifySubmission(
  deps: ReadDeps,
  submission: Submission,
): Promise<{ read: ReadSubmission; report: VerificationReport }> {
  const read = await readSubmission(deps, submission);
  const ob2Documents = providedDocuments(submission.issuerKey);
  const report = await verifyWithCairn(read.input, {
    db: deps.db,
    config: deps.config,
    services: deps.services,
    now: deps.now,
    ob2Documents,
  });
  return { read, report };
}
