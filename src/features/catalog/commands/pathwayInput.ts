import { z } from 'zod';
import { invalid } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { ACHIEVEMENT_TYPES } from '../microCredential.ts';
import { requirementSchema, type Requirement } from '../pathways/pathway.ts';
import { ownedMicroCredentials, ownedPathways } from '../pathways/queries.ts';
import { inOrganisation } from './designerAccess.ts';
import { catalogMessage } from '../messages.ts';

/** A pathway as designers write it: a name, an optional address, and the requirement that awards it. */
export const pathwayInput = inOrganisation.extend({
  name: z.string().trim().min(2, catalogMessage('namePathway')).max(200),
  slug: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,80}$/)
      .optional(),
  ),
  description: z.string().trim().max(5000).default(''),
  achievementType: z.enum(ACHIEVEMENT_TYPES).default('Certificate'),
  requirement: requirementSchema,
});

function leaves(req: Requirement): Array<{ type: 'microCredential' | 'pathway'; id: string }> {
  if (req.type === 'microCredential' || req.type === 'pathway') return [req];
  return req.items.flatMap(leaves);
}

/**
 * A requirement names only the organisation's own micro-credentials and pathways, and never the
 * pathway it belongs to (`selfId`, when editing one).
 */
export async function checkRequirement(
  db: Queryable,
  organisationId: number,
  requirement: Requirement,
  selfId?: string,
): Promise<void> {
  const named = leaves(requirement);
  if (selfId && named.some((l) => l.type === 'pathway' && l.id === selfId))
    throw invalid({ requirement: catalogMessage('pathwaySelf') });
  const unique = (type: 'microCredential' | 'pathway') => [
    ...new Set(named.filter((l) => l.type === type).map((l) => l.id)),
  ];
  const mcIds = unique('microCredential');
  const pathwayIds = unique('pathway');
  const [mcs, pathways] = await Promise.all([
    ownedMicroCredentials(db, organisationId, mcIds),
    ownedPathways(db, organisationId, pathwayIds),
  ]);
  if (mcs.size !== mcIds.length || pathways.size !== pathwayIds.length)
    throw invalid({
      requirement: catalogMessage('pathwayForeign'),
    });
}
