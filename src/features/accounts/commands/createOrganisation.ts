import { z } from 'zod';
import { slugSchema, slugify } from '../rules.ts';
import { conflict } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { ORGANISATION_KINDS } from '../../../domain/roles.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';
import { accountMessage } from '../messages.ts';

export const createOrganisationInput = z.object({
  name: z
    .string()
    .trim()
    .min(2, accountMessage('enterOrganisation'))
    .max(160, accountMessage('organisationLong')),
  slug: z.preprocess((v) => (v === '' ? undefined : v), slugSchema.optional()),
  kind: z.enum(ORGANISATION_KINDS, { message: accountMessage('chooseKind') }),
  description: z.string().trim().max(2000, accountMessage('descriptionLong')).default(''),
  website: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().trim().url(accountMessage('websiteFormat')).optional(),
  ),
});

/** Creates an organisation with the actor as its owner. */
export async function createOrganisation(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions,
): Promise<{ id: number; slug: string }> {
  const v = parseInput(createOrganisationInput, input);
  const slug = v.slug ?? slugify(v.name);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const taken = await tx
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (taken)
      throw conflict(accountMessage('slugTaken'), { slug: accountMessage('slugTakenField', { slug }) });
    const org = await tx
      .insertInto('organisations')
      .values({
        public_id: publicId('org'),
        slug,
        name: v.name,
        kind: v.kind,
        description: v.description,
        website: v.website ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'slug', 'public_id'])
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('memberships')
      .values({ organisation_id: org.id, user_id: actor.userId, roles: ['owner'], created_at: now })
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: org.id,
        actorUserId: actor.userId,
        action: 'organisation.created',
        subjectType: 'organisation',
        subjectId: org.public_id,
        data: { name: v.name, kind: v.kind },
        ip: actor.ip,
      },
      now,
    );
    return { id: org.id, slug: org.slug };
  });
}
