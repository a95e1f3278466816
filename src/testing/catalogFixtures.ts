import type { Rubric } from '../features/catalog/microCredential.ts';
import type { Actor, CommandDeps } from '../domain/commands.ts';
import { createMicroCredential } from '../features/catalog/commands/createMicroCredential.ts';
import { publishDraft } from '../features/catalog/commands/publishDraft.ts';
import { updateDraft } from '../features/catalog/commands/updateDraft.ts';

/** A valid three-level rubric for tests. */
export const exampleRubric: Rubric = {
  levels: [
    { id: 'beginning', name: 'Beginning' },
    { id: 'developing', name: 'Developing' },
    { id: 'proficient', name: 'Proficient' },
  ],
  criteria: [
    {
      id: 'plan',
      name: 'Routine plan',
      descriptors: {
        beginning: 'Missing steps',
        developing: 'Steps unclear',
        proficient: 'Clear, taught steps',
      },
      passingLevel: 'proficient',
    },
    {
      id: 'video',
      name: 'Lesson video',
      descriptors: {
        beginning: 'Not shown',
        developing: 'Partly shown',
        proficient: 'Routine shown end to end',
      },
      passingLevel: 'developing',
    },
  ],
  passRule: { type: 'all' },
};

/** A design complete enough to publish, with overrides. */
export const completeDesign = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  competency: 'The educator designs and teaches routines that give students more time to learn.',
  description: 'Part of the Classroom Management stack.',
  keyMethod: 'Plan, teach and reinforce a routine.',
  criteria: 'A plan, a video of the routine in use, and a reflection.',
  evidenceParts: [
    { prompt: 'Upload your routine plan', kind: 'file', required: true },
    { prompt: 'Reflect on what changed', kind: 'text', maxWords: 500, required: true },
  ],
  rubric: exampleRubric,
  effortHours: 12,
  creditHours: 0.5,
  tags: ['classroom management'],
  alignments: [{ name: 'InTASC Standard 3', url: 'https://ccsso.org/intasc/3', code: '3' }],
  earningMode: 'reviewed_evidence',
  ...extra,
});

/** Creates a micro-credential, fills it in with completeDesign(title, extra) and publishes version 1. */
export async function publishedMicroCredential(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  title: string,
  extra: Record<string, unknown> = {},
): Promise<{ publicId: string; slug: string }> {
  const created = await createMicroCredential(deps, { actor, orgSlug, title });
  await updateDraft(deps, {
    actor,
    orgSlug,
    microCredentialId: created.publicId,
    ...completeDesign(title, extra),
  });
  await publishDraft(deps, { actor, orgSlug, microCredentialId: created.publicId });
  return created;
}
