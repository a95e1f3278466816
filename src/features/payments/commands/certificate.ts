import { z } from 'zod';
import { AppError, conflict, invalid } from '../../../domain/errors.ts';
import { CERTIFICATE_PART } from '../../catalog/index.ts';
import { parseInput } from '../../../domain/validation.ts';
import {
  earnersApplication,
  saveEvidenceFile,
  sniffEvidence,
  submitApplication,
} from '../../earning/index.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { isProofVersion } from '../queries.ts';
import { onApplication, type CommandCall } from './shared.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** The earner's side of proof of completion: uploading the certificate, then submitting it. */

/** A problem with the certificate: the form's field and the summary say the same. */
const certificateProblem = (message: string) => invalid({ certificate: message }, message);

/** Certificates are documents or scans: PDF, PNG or JPEG, checked by their bytes. */
function certificateType(bytes: Uint8Array): string | null {
  const type = sniffEvidence(bytes);
  return type && ['application/pdf', 'image/png', 'image/jpeg'].includes(type) ? type : null;
}

/**
 * Uploads the certificate of completion (PDF, PNG or JPEG, up to 10 MB), replacing an earlier
 * upload while the application is still open for changes.
 */
const certificateInput = onApplication.extend({
  file: z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) }).nullable(),
});

export async function uploadCertificate(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ application: string; file: { name: string; bytes: Uint8Array } | null }>,
): Promise<{ publicId: string }> {
  const { application: applicationPublicId, file } = parseInput(certificateInput, input);
  const app = await earnersApplication(deps.db, actor.userId, applicationPublicId);
  if (!(await isProofVersion(deps.db, app.version_id)))
    throw conflict(commandMessage('errors.payments.notProof'));
  if (!file || file.bytes.length === 0)
    throw certificateProblem(commandMessage('errors.payments.chooseCertificate'));
  if (file.bytes.length > CERTIFICATE_PART.maxSizeMb * 1024 * 1024)
    throw certificateProblem(
      commandMessage('errors.payments.certificateSize', { max: String(CERTIFICATE_PART.maxSizeMb) }),
    );
  if (!certificateType(file.bytes))
    throw certificateProblem(commandMessage('errors.payments.certificateType'));
  try {
    return await saveEvidenceFile(deps, { actor, application: applicationPublicId, part: 0, file });
  } catch (error) {
    if (error instanceof AppError && error.fields.part0) throw certificateProblem(error.fields.part0);
    throw error;
  }
}

/** Submits the uploaded certificate to the issuer's queue (the fee may still be outstanding; approval waits for it). */
export async function submitProof(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ application: string }>,
): Promise<{ attempt: number }> {
  const { application: applicationPublicId } = parseInput(onApplication, input);
  const app = await earnersApplication(deps.db, actor.userId, applicationPublicId);
  if (!(await isProofVersion(deps.db, app.version_id)))
    throw conflict(commandMessage('errors.payments.notProofEarned'));
  try {
    return await submitApplication(deps, { actor, application: applicationPublicId });
  } catch (error) {
    if (error instanceof AppError && error.fields.part0)
      throw certificateProblem(commandMessage('errors.payments.uploadBeforeSubmit'));
    throw error;
  }
}
