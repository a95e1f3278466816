import { conflict, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { searchText } from '../microCredential.ts';
import { designToColumns, versionToDesign } from '../queries/catalog.ts';
import { insertDraftVersion, listVersions } from '../queries/designs.ts';
import { designableMicroCredential, onMicroCredential, type CommandCall } from './designerAccess.ts';
import { catalogMessage } from '../messages.ts';

/** Opens a new draft version from the published one; earners and credentials keep their version. */
export async function reviseMicroCredential(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; microCredentialId: string }>,
): Promise<{ version: number }> {
  const now = deps.clock.now();
  const address = parseInput(onMicroCredential, input);
  return inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designableMicroCredential(tx, actor, address);
    const versions = await listVersions(tx, mc.id);
    if (versions.some((v) => v.status === 'draft')) throw conflict(catalogMessage('draftExists'));
    const published = versions.find((v) => v.status === 'published') ?? versions[0];
    if (!published) throw notFound('microCredential');
    const design = versionToDesign(published);
    const version = (versions[0]?.version ?? 0) + 1;
    const columns = designToColumns(design, searchText(design, [organisation.name]));
    await insertDraftVersion(
      tx,
      { microCredentialId: mc.id, version, columns, imageId: published.image_id, createdBy: actor.userId },
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.revision_started',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { version },
        ip: actor.ip,
      },
      now,
    );
    return { version };
  });
}
