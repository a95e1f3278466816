import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { listInCatalog } from '../queries/catalog.ts';
import { setRetiredAt } from '../queries/designs.ts';
import { designableMicroCredential, onMicroCredential, type CommandCall } from './designerAccess.ts';
import { catalogMessage } from '../messages.ts';

/** Hides it from the catalog; issued badges and their verification are untouched. */
export async function retireMicroCredential(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; microCredentialId: string }>,
): Promise<void> {
  const now = deps.clock.now();
  const address = parseInput(onMicroCredential, input);
  await inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designableMicroCredential(tx, actor, address);
    if (mc.retired_at) throw conflict(catalogMessage('alreadyRetired'));
    await setRetiredAt(tx, mc.id, now);
    await listInCatalog(tx, mc.id);
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.retired',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        ip: actor.ip,
      },
      now,
    );
  });
}
