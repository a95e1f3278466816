import { AppError } from '../../../domain/errors.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { extractFromPng, extractFromSvg } from '../../../credentials/baking/index.ts';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import { backpackMessage } from '../messages.ts';
import { readSubmission, verifyWithCairn, type SubmissionFormat } from '../../verification/index.ts';

/** What the backpack's commands that verify need besides the usual: the credential services. */
export type BackpackDeps = CommandDeps & { credentials: CredentialServices };

/** What the earner gives to import: pasted text, an uploaded file or a URL (one of them). */
export interface ImportSubmission {
  text?: string;
  url?: string;
  file?: { name: string; bytes: Uint8Array };
}

/** Import limits: a pasted credential or uploaded badge image. */
export const MAX_IMPORT_BYTES = 900 * 1024;

/** An import as it is kept: text for JSON, JWS, SVG and URL imports, bytes for PNG. */
export interface StoredImport {
  format: SubmissionFormat;
  text: string | null;
  bytes: Uint8Array | null;
  sourceUrl: string | null;
}

function tooLarge(input: ImportSubmission): void {
  if (input.file && input.file.bytes.length > MAX_IMPORT_BYTES)
    throw new AppError('validation_failed', backpackMessage('fileTooLarge'), {
      file: backpackMessage('tooLarge'),
    });
  if (input.text && Buffer.byteLength(input.text.trim()) > MAX_IMPORT_BYTES)
    throw new AppError('validation_failed', backpackMessage('textTooLong'), {
      text: backpackMessage('tooLong'),
    });
}

const noBadgeIn = (kind: 'PNG' | 'SVG', field: string) =>
  new AppError('validation_failed', backpackMessage('noBadgeIn', { kind }), {
    [field]: backpackMessage('noBadgeInField'),
  });

/** A baked image must carry a badge: one that cannot be read, or carries none, is refused. */
function requireBaked(kind: 'PNG' | 'SVG', field: string, extract: () => unknown): void {
  let baked: unknown;
  try {
    baked = extract();
  } catch (err) {
    throw new AppError(
      'validation_failed',
      backpackMessage('damaged', { kind, reason: (err as Error).message }),
      {
        [field]: backpackMessage('damagedField', { kind }),
      },
    );
  }
  if (!baked) throw noBadgeIn(kind, field);
}

/**
 * Reads what the earner gave (with readSubmission, the reader of /verify) into the form kept
 * verbatim. A baked image must carry a badge, and the backpack keeps at most MAX_IMPORT_BYTES.
 */
export async function readImport(deps: BackpackDeps, input: ImportSubmission): Promise<StoredImport> {
  tooLarge(input);
  const read = await readSubmission(
    { db: deps.db, config: deps.config, services: deps.credentials, now: deps.clock.now() },
    input,
  );
  const field = input.file?.bytes.length ? 'file' : 'text';
  if (read.format === 'png') {
    const bytes = read.original as Uint8Array;
    requireBaked('PNG', 'file', () => extractFromPng(bytes));
    return { format: 'png', text: null, bytes, sourceUrl: null };
  }
  const text =
    typeof read.original === 'string'
      ? read.original
      : Buffer.from(read.original)
          .toString('utf8')
          .replace(/^\uFEFF/, '');
  if (read.format === 'svg') requireBaked('SVG', field, () => extractFromSvg(text));
  return { format: read.format, text, bytes: null, sourceUrl: read.sourceUrl ?? null };
}

/** Verifies a stored import with Cairn's verifier (its own keys and lists from the database). */
export async function verifyStored(
  deps: BackpackDeps,
  stored: { text: string | null; bytes: Uint8Array | null; format: string },
): Promise<VerificationReport> {
  const input =
    stored.format === 'png'
      ? stored.bytes!
      : stored.format === 'svg'
        ? new Uint8Array(Buffer.from(stored.text!, 'utf8'))
        : stored.text!;
  return verifyWithCairn(input, {
    db: deps.db,
    config: deps.config,
    services: deps.credentials,
    now: deps.clock.now(),
    remote: deps.credentials.remote,
  });
}

/** The report as kept beside an import (without the credential, which is kept verbatim). */
export const reportText = (report: VerificationReport): string =>
  JSON.stringify({ verified: report.verified, format: report.format, checks: report.checks });
