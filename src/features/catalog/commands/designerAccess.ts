import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import type { OrganisationActor } from '../../../domain/commands.ts';
import type { Queryable } from '../../../storage/database.ts';
import { requireActor } from '../../accounts/index.ts';
import { findMicroCredential } from '../queries/designs.ts';
import { catalogMessage } from '../messages.ts';

/** A web address part: 2–81 lower-case letters, digits and dashes; empty means "make one". */
export const slugField = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,80}$/, catalogMessage('slugFormat'))
    .optional(),
);

/** Which organisation a command acts in (by its slug). */
export const inOrganisation = z.object({ orgSlug: z.string() });
/** Which micro-credential of that organisation (by its public id). */
export const onMicroCredential = inOrganisation.extend({ microCredentialId: z.string() });

/** What a designer command is called with: who acts (a member, or the organisation's API token), then its input (parsed by the command). */
export type CommandCall<Address> = { actor: OrganisationActor } & Address & Record<string, unknown>;

/** The organisation, when the actor may design there (designers and admins; a token with catalog:write). */
export async function requireDesigner(tx: Queryable, orgSlug: string, actor: OrganisationActor) {
  return requireActor(tx, orgSlug, actor, 'catalog.design');
}

/** The organisation and one of its micro-credentials, when the actor may design there. */
export async function designableMicroCredential(
  tx: Queryable,
  actor: OrganisationActor,
  address: { orgSlug: string; microCredentialId: string },
) {
  const { organisation } = await requireDesigner(tx, address.orgSlug, actor);
  const mc = await findMicroCredential(tx, organisation.id, address.microCredentialId);
  if (!mc) throw notFound('microCredential');
  return { organisation, mc };
}
