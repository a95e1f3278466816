import { conflict, invalid, notFound } from '../../../domain/errors.ts';
import type { Requirement } from './pathway.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireMember } from '../../accounts/index.ts';
import { pathwayInput } from './pathwayProgress.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { findPathway, ownedMicroCredentials, slugTaken, updatePathwayRow } from './queries.ts';

function leaves(req: Requirement): Array<{ type: 'microCredential' | 'pathway'; id: string }> {
  if (req.type === 'microCredential' || req.type === 'pathway') return [req];
  return req.items.flatMap(leaves);
}

/**
 * Changes a pathway: its name, address, description, credential type and requirement. Designers
 * and admins. The requirement names only the organisation's own micro-credentials and pathways,
 * and never the pathway itself. Earners' progress follows the new requirement at once; credentials
 * already awarded for the pathway are kept.
 */
export async function updatePathway(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  pathwayPublicId: string,
  input: unknown,
): Promise<{ publicId: string; slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'catalog.design');
    const pathway = await findPathway(tx, pathwayPublicId, organisation.id);
    if (!pathway) throw notFound('That pathway');
    const v = parseInput(pathwayInput, input);
    const named = leaves(v.requirement);
    if (named.some((l) => l.type === 'pathway' && l.id === pathway.public_id))
      throw invalid({ requirement: 'A pathway cannot require itself.' });
    const mcIds = [...new Set(named.filter((l) => l.type === 'microCredential').map((l) => l.id))];
    const owned = await ownedMicroCredentials(tx, organisation.id, mcIds);
    const pathwayIds = [...new Set(named.filter((l) => l.type === 'pathway').map((l) => l.id))];
    const pathwaysFound = await Promise.all(pathwayIds.map((id) => findPathway(tx, id, organisation.id)));
    if (owned.size !== mcIds.length || pathwaysFound.some((p) => !p))
      throw invalid({
        requirement: 'The requirement names micro-credentials or pathways this organisation does not have.',
      });
    const slug = v.slug ?? pathway.slug;
    if (await slugTaken(tx, organisation.id, slug, pathway.id))
      throw conflict('That pathway address is taken.', { slug: `“${slug}” is taken.` });
    await updatePathwayRow(
      tx,
      pathway.id,
      {
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
