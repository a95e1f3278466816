import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { conflict } from '../domain/errors.ts';
import { hashToken, publicId } from '../domain/ids.ts';
import { parseInput } from '../domain/validation.ts';
import { inTransaction, type Queryable } from '../storage/database.ts';
import { recordAudit } from '../storage/audit.ts';
import type { CommandDeps } from './context.ts';

export const TOKEN_PREFIX = 'cairn_';

/** Creates an organisation API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(deps: Pick<CommandDeps, 'db' | 'clock'>, actor: { organisationId: number; userId: number | null; ip: string | null }, input: unknown): Promise<{ publicId: string; token: string }> {
  const { name } = parseInput(z.object({ name: z.string().trim().min(1, 'Name the token, e.g. “LMS integration”.').max(100) }), input);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const row = await tx
      .insertInto('api_tokens')
      .values({ public_id: publicId('tok'), organisation_id: actor.organisationId, name, token_hash: hashToken(token), created_by: actor.userId, created_at: now })
      .returning('public_id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'api_token.created', subjectType: 'api_token', subjectId: row.public_id, data: { name }, ip: actor.ip }, now);
    return { publicId: row.public_id, token };
  });
}

/** Revokes a token of the organisation. */
export async function revokeApiToken(deps: Pick<CommandDeps, 'db' | 'clock'>, actor: { organisationId: number; userId: number | null; ip: string | null }, tokenPublicId: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const r = await tx.updateTable('api_tokens').set({ revoked_at: now }).where('organisation_id', '=', actor.organisationId).where('public_id', '=', tokenPublicId).where('revoked_at', 'is', null).executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw conflict('That token is already revoked or does not exist.');
    await recordAudit(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'api_token.revoked', subjectType: 'api_token', subjectId: tokenPublicId, ip: actor.ip }, now);
  });
}

/** The organisation a bearer token acts for, if the token is live. */
export async function authenticateApiToken(db: Queryable, token: string, now: Date): Promise<{ organisationId: number; tokenPublicId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.selectFrom('api_tokens').select(['id', 'organisation_id', 'public_id', 'last_used_at']).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  return { organisationId: row.organisation_id, tokenPublicId: row.public_id };
}
