import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { designSchema, searchText } from '../microCredential.ts';
import { designToColumns } from '../queries/catalog.ts';
import { findDraft, updateVersionColumns } from '../queries/designs.ts';
import { designableMicroCredential, onMicroCredential, type CommandCall } from './designerAccess.ts';
import { catalogMessage } from '../messages.ts';

export const updateDraftInput = onMicroCredential.merge(designSchema);

/** Replaces the draft's content; published versions are frozen and cannot be edited. */
export async function updateDraft(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; microCredentialId: string }>,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designableMicroCredential(tx, actor, input);
    const { orgSlug: _org, microCredentialId: _mc, ...design } = parseInput(updateDraftInput, input);
    const draft = await findDraft(tx, mc.id);
    if (!draft) throw conflict(catalogMessage('noDraftToEdit'));
    await updateVersionColumns(
      tx,
      draft.id,
      designToColumns(design, searchText(design, [organisation.name])),
    );
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.draft_updated',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { version: draft.version },
        ip: actor.ip,
      },
      now,
    );
  });
}
