import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { slugify } from '../../accounts/index.ts';
import { insertPathway, slugTaken } from '../pathways/queries.ts';
import { requireDesigner, type CommandCall } from './designerAccess.ts';
import { checkRequirement, pathwayInput } from './pathwayInput.ts';
import { catalogMessage } from '../messages.ts';

/** Creates a pathway: a requirement tree over this organisation's micro-credentials and pathways that awards a higher credential. */
export async function createPathway(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string }>,
): Promise<{ publicId: string; slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireDesigner(tx, input.orgSlug, actor);
    const v = parseInput(pathwayInput, input);
    await checkRequirement(tx, organisation.id, v.requirement);
    const slug = v.slug ?? slugify(v.name).slice(0, 80);
    if (await slugTaken(tx, organisation.id, slug))
      throw conflict(catalogMessage('pathwayAddressTaken'), { slug: catalogMessage('slugTaken', { slug }) });
    const row = await insertPathway(
      tx,
      {
        organisationId: organisation.id,
        slug,
        name: v.name,
        description: v.description,
        achievementType: v.achievementType,
        requirement: v.requirement,
      },
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'pathway.created',
        subjectType: 'pathway',
        subjectId: row.public_id,
        data: { name: v.name },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id, slug: row.slug };
  });
}
