import { z } from 'zod';
import { ACHIEVEMENT_TYPES } from '../microCredential.ts';
import { parseInput } from '../../../domain/validation.ts';
import { catalogMessage } from '../messages.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { createMicroCredential } from './createMicroCredential.ts';
import { createStack } from './createStack.ts';
import { updateDraft } from './updateDraft.ts';
import { inOrganisation, requireDesigner, type CommandCall } from './designerAccess.ts';

const achievementJson = z
  .object({
    type: z.union([
      z.literal('Achievement'),
      z.array(z.string()).refine((t) => t.includes('Achievement'), catalogMessage('typeAchievement')),
    ]),
    name: z.string().trim().min(3).max(200),
    description: z.string().max(10000).default(''),
    criteria: z
      .object({ narrative: z.string().max(10000).optional() })
      .passthrough()
      .default({}),
    achievementType: z.string().optional(),
    creditsAvailable: z.number().nonnegative().optional(),
    tag: z.array(z.string()).optional(),
    alignment: z
      .array(
        z
          .object({ targetName: z.string(), targetUrl: z.string().url(), targetCode: z.string().optional() })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();

export const importInput = inOrganisation.extend({
  achievements: z.array(achievementJson).min(1, catalogMessage('oneAchievement')).max(200),
  stack: z
    .object({ name: z.string().trim().min(2).max(200), description: z.string().max(5000).default('') })
    .optional(),
});

/**
 * What an import request may send: `{ achievements, stack? }`, a bare array of Achievements, or a
 * single Achievement; always as `{ achievements, stack? }`.
 */
export function importBody(body: unknown): Record<string, unknown> {
  if (Array.isArray(body)) return { achievements: body };
  if (body && typeof body === 'object')
    return 'type' in body ? { achievements: [body] } : (body as Record<string, unknown>);
  return { achievements: body };
}

/**
 * Imports OB 3.0 `Achievement`s (from Cairn or another platform) as draft micro-credentials,
 * optionally gathered into a new stack. Drafts are reviewed and completed before publishing.
 */
export async function importAchievements(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string }>,
): Promise<{ microCredentials: string[]; stack: string | null }> {
  // Access first, before the body is judged.
  await requireDesigner(deps.db, input.orgSlug, actor);
  const { orgSlug, achievements, stack } = parseInput(importInput, input);
  const created: string[] = [];
  for (const a of achievements) {
    const { publicId } = await createMicroCredential(deps, { actor, orgSlug, title: a.name });
    const known =
      (ACHIEVEMENT_TYPES as readonly string[]).includes(a.achievementType ?? '') ||
      /^ext:[A-Za-z]\w*$/.test(a.achievementType ?? '');
    await updateDraft(deps, {
      actor,
      orgSlug,
      microCredentialId: publicId,
      title: a.name,
      description: a.description,
      criteria: a.criteria.narrative ?? '',
      achievementType: known ? a.achievementType : 'MicroCredential',
      creditHours: a.creditsAvailable,
      tags: a.tag ?? [],
      alignments: (a.alignment ?? []).map((al) => ({
        name: al.targetName,
        url: al.targetUrl,
        code: al.targetCode,
      })),
    });
    created.push(publicId);
  }
  const saved = stack
    ? await createStack(deps, { actor, orgSlug, ...stack, microCredentials: created })
    : null;
  return { microCredentials: created, stack: saved?.publicId ?? null };
}
