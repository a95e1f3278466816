import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, conflict } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import type { Actor } from '../../../domain/commands.ts';
import { parseInput } from '../../../domain/validation.ts';
import { containsNul } from '../../../credentials/budget.ts';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import { inTransaction } from '../../../storage/database.ts';
import type { ImportedStatus } from '../../../storage/schema.ts';
import { reportStatus } from '../../verification/index.ts';
import { displayFields } from '../badgeDisplay.ts';
import { importedBadgeWithHash, insertImportedBadge } from '../queries/importedBadges.ts';
import { backpackMessage } from '../messages.ts';
import { auditEarnerAction } from './earnerAudit.ts';
import {
  readImport,
  reportText,
  verifyStored,
  type BackpackDeps,
  type StoredImport,
} from './importReading.ts';

/** What the earner gives: pasted text, an uploaded file or a URL, as on /verify. */
export const importBadgeInput = z.object({
  text: z.string().optional(),
  url: z.string().optional(),
  file: z
    .object({ name: z.string(), bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array) })
    .optional(),
});
export type ImportBadgeInput = z.infer<typeof importBadgeInput>;

const fieldOf = (input: ImportBadgeInput) =>
  input.file?.bytes.length ? 'file' : input.url?.trim() ? 'url' : 'text';

/** What is refused before anything is stored: what is not a badge, and what the database cannot keep. */
function refuseUnkeepable(input: ImportBadgeInput, read: StoredImport, report: VerificationReport): void {
  const parse = report.checks.find((c) => c.id === 'parse');
  if (!parse?.ok)
    throw new AppError(
      'validation_failed',
      backpackMessage('unreadable', { reason: parse?.message ?? 'unknown format' }),
      { [fieldOf(input)]: backpackMessage('unreadableField') },
    );
  // PostgreSQL text cannot hold a NUL character: a badge with one anywhere is refused, clearly,
  // before anything is stored (its verdict is on /verify for anyone who wants it).
  const texts = [
    read.text,
    read.sourceUrl,
    report.credential ?? null,
    report.checks.map((c) => c.message ?? ''),
  ];
  if (containsNul(texts))
    throw new AppError('validation_failed', backpackMessage('nul'), {
      [fieldOf(input)]: backpackMessage('nulField'),
    });
}

/**
 * Imports a badge from elsewhere (OB 3.0 or OB 2.0; JSON, compact JWS, baked PNG/SVG, or a URL),
 * verifies it with Cairn's verifier and keeps it exactly as given with the verdict. What cannot
 * be read as a badge at all is refused and nothing is stored. The importer is its owner.
 */
export async function importBadge(
  deps: BackpackDeps,
  { actor, ...raw }: { actor: Actor } & ImportBadgeInput,
): Promise<{ publicId: string; status: ImportedStatus; reason: string | null }> {
  const input = parseInput(importBadgeInput, raw);
  const read = await readImport(deps, input);
  const report = await verifyStored(deps, read);
  refuseUnkeepable(input, read, report);
  const sha256 = createHash('sha256')
    .update(read.bytes ?? Buffer.from(read.text ?? '', 'utf8'))
    .digest('hex');
  if (await importedBadgeWithHash(deps.db, actor.userId, sha256))
    throw conflict(backpackMessage('duplicate'));
  const { status, reason } = reportStatus(report);
  const display = displayFields(report.credential);
  const now = deps.clock.now();
  const id = publicId('imp');
  await inTransaction(deps.db, async (tx) => {
    await insertImportedBadge(tx, {
      public_id: id,
      user_id: actor.userId,
      format: read.format,
      source_url: read.sourceUrl,
      original_text: read.text,
      original_bytes: read.bytes,
      sha256,
      verified: report.verified,
      status,
      failure_reason: reason,
      report: reportText(report),
      checked_at: now,
      name: display.name?.slice(0, 300) ?? null,
      issuer_name: display.issuerName?.slice(0, 300) ?? null,
      image_url: display.image,
      issued_on: display.issuedOn,
      created_at: now,
    });
    const data = { format: read.format, status };
    await auditEarnerAction(
      tx,
      actor,
      { action: 'badge.imported', subjectType: 'imported_credential', subjectId: id, data },
      now,
    );
  });
  return { publicId: id, status, reason };
}
