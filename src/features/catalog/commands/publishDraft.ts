import { conflict, invalid } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { publishProblems } from '../microCredential.ts';
import { listInCatalog, versionToDesign } from '../queries/catalog.ts';
import { findDraft, publishVersion, setRetiredAt } from '../queries/designs.ts';
import { designableMicroCredential, onMicroCredential, type CommandCall } from './designerAccess.ts';
import { catalogMessage } from '../messages.ts';

/** Publishes the draft: it is frozen, shown in the catalog, and the previous version is superseded. */
export async function publishDraft(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; microCredentialId: string }>,
): Promise<{ version: number }> {
  const now = deps.clock.now();
  const address = parseInput(onMicroCredential, input);
  return inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designableMicroCredential(tx, actor, address);
    const draft = await findDraft(tx, mc.id);
    if (!draft) throw conflict(catalogMessage('noDraftToPublish'));
    const problems = publishProblems(versionToDesign(draft));
    if (Object.keys(problems).length) throw invalid(problems, catalogMessage('notReady'));
    await publishVersion(tx, mc.id, draft.id, now);
    await setRetiredAt(tx, mc.id, null);
    await listInCatalog(tx, mc.id);
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.published',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { version: draft.version, title: draft.title },
        ip: actor.ip,
      },
      now,
    );
    return { version: draft.version };
  });
}
