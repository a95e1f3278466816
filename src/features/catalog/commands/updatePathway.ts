import { z } from 'zod';
import { conflict, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { findPathway, slugTaken, updatePathwayRow } from '../pathways/queries.ts';
import { requireDesigner, type CommandCall } from './designerAccess.ts';
import { checkRequirement, pathwayInput } from './pathwayInput.ts';
import { catalogMessage } from '../messages.ts';

export const updatePathwayInput = pathwayInput.extend({ pathwayId: z.string() });

/**
 * Changes a pathway: its name, address, description, credential type and requirement. Designers
 * and admins. The requirement names only the organisation's own micro-credentials and pathways,
 * and never the pathway itself. Earners' progress follows the new requirement at once; credentials
 * already awarded for the pathway are kept.
 */
export async function updatePathway(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; pathwayId: string }>,
): Promise<{ publicId: string; slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireDesigner(tx, input.orgSlug, actor);
    const pathway = await findPathway(tx, input.pathwayId, organisation.id);
    if (!pathway) throw notFound('pathway');
    const v = parseInput(updatePathwayInput, input);
    await checkRequirement(tx, organisation.id, v.requirement, pathway.public_id);
    const slug = v.slug ?? pathway.slug;
    if (await slugTaken(tx, organisation.id, slug, pathway.id))
      throw conflict(catalogMessage('pathwayAddressTaken'), { slug: catalogMessage('slugTaken', { slug }) });
    const { name, description, achievementType, requirement } = v;
    await updatePathwayRow(tx, pathway.id, { slug, name, description, achievementType, requirement }, now);
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'pathway.updated',
        subjectType: 'pathway',
        subjectId: pathway.public_id,
        data: { name: v.name },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: pathway.public_id, slug };
  });
}
