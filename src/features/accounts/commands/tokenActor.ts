import { notFound } from '../../../domain/errors.ts';
import { assertCan } from '../../../domain/roles.ts';
import type { Queryable } from '../../../storage/database.ts';
import { findMembership } from '../../../storage/organisations.ts';

/**
 * Who manages an organisation's API tokens: a member (`userId`), or the operator at the command
 * line (`userId: null`, who holds the database already).
 */
export interface TokenActor {
  organisationId: number;
  userId: number | null;
  ip: string | null;
}

/** A member must hold tokens.manage in the organisation; a non-member learns nothing (not_found). */
export async function assertManagesTokens(db: Queryable, actor: TokenActor): Promise<void> {
  if (actor.userId === null) return;
  const membership = await findMembership(db, actor.organisationId, actor.userId);
  if (!membership) throw notFound('organisation');
  assertCan(membership.roles, 'tokens.manage');
}
