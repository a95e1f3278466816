import { z } from 'zod';
import type { Actor } from '../../../domain/commands.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import type { ImportedStatus } from '../../../storage/schema.ts';
import { reportStatus } from '../../verification/index.ts';
import { ownImportedBadge } from '../access.ts';
import { saveImportedVerdict } from '../queries/importedBadges.ts';
import { auditEarnerAction } from './earnerAudit.ts';
import { reportText, verifyStored, type BackpackDeps } from './importReading.ts';

export const reverifyImportedBadgeInput = z.object({ badge: z.string() });

/** Checks one of the earner's imported badges again (status lists and keys change) and keeps the new verdict. */
export async function reverifyImportedBadge(
  deps: BackpackDeps,
  { actor, ...raw }: { actor: Actor } & z.input<typeof reverifyImportedBadgeInput>,
): Promise<{ status: ImportedStatus; reason: string | null }> {
  const input = parseInput(reverifyImportedBadgeInput, raw);
  const row = await ownImportedBadge(deps.db, actor.userId, input.badge);
  const report = await verifyStored(deps, {
    text: row.original_text,
    bytes: row.original_bytes,
    format: row.format,
  });
  const { status, reason } = reportStatus(report);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await saveImportedVerdict(tx, row.id, {
      verified: report.verified,
      status,
      reason,
      report: reportText(report),
      now,
    });
    await auditEarnerAction(
      tx,
      actor,
      {
        action: 'badge.reverified',
        subjectType: 'imported_credential',
        subjectId: row.public_id,
        data: { status },
      },
      now,
    );
  });
  return { status, reason };
}
