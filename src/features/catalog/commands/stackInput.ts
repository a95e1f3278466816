import { z } from 'zod';
import { invalid } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { microCredentialsAmong } from '../queries/stacks.ts';
import { inOrganisation, slugField } from './designerAccess.ts';
import { catalogMessage } from '../messages.ts';

/** A stack as designers write it: a name, an optional address, a description and its micro-credentials in order. */
export const stackInput = inOrganisation.extend({
  name: z.string().trim().min(2, catalogMessage('nameStack')).max(200),
  slug: slugField,
  description: z.string().trim().max(5000).default(''),
  microCredentials: z.array(z.string()).max(200).default([]),
});

/** The keys of the named micro-credentials, in order; every one must be the organisation's. */
export async function stackMemberIds(
  db: Queryable,
  organisationId: number,
  publicIds: string[],
): Promise<number[]> {
  const members = await microCredentialsAmong(db, organisationId, publicIds);
  if (members.length !== new Set(publicIds).size)
    throw invalid({ microCredentials: catalogMessage('stackMembers') });
  const byPublicId = new Map(members.map((m) => [m.public_id, m.id]));
  return publicIds.map((id) => byPublicId.get(id)!);
}
