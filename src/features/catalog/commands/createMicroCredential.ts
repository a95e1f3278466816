import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { slugify } from '../../accounts/index.ts';
import { designSchema, searchText, type Design } from '../microCredential.ts';
import { designToColumns } from '../queries/catalog.ts';
import { insertDraftVersion, insertMicroCredential, microCredentialSlugTaken } from '../queries/designs.ts';
import { inOrganisation, requireDesigner, slugField, type CommandCall } from './designerAccess.ts';
import { catalogMessage } from '../messages.ts';

/** What creating a micro-credential takes: its design and an optional slug. */
export const createMicroCredentialInput = inOrganisation.merge(designSchema).extend({ slug: slugField });

/** Starts a micro-credential as draft version 1 (designers and admins). */
export async function createMicroCredential(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string }>,
): Promise<{ publicId: string; slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    // Access first: a stranger learns nothing (not even what a valid body looks like).
    const { organisation } = await requireDesigner(tx, input.orgSlug, actor);
    const { slug: givenSlug, orgSlug: _org, ...rest } = parseInput(createMicroCredentialInput, input);
    const design: Design = rest;
    const slug = givenSlug ?? slugify(design.title).slice(0, 80);
    if (await microCredentialSlugTaken(tx, organisation.id, slug))
      throw conflict(catalogMessage('addressTaken'), {
        slug: catalogMessage('slugUsed', { slug }),
      });
    const mc = await insertMicroCredential(tx, organisation.id, slug, now);
    const columns = designToColumns(design, searchText(design, [organisation.name]));
    await insertDraftVersion(
      tx,
      { microCredentialId: mc.id, version: 1, columns, createdBy: actor.userId },
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.created',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { title: design.title },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: mc.public_id, slug: mc.slug };
  });
}
