import { z } from 'zod';
import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { assertManagesTokens, type TokenActor } from './tokenActor.ts';
import type { CommandOptions } from './options.ts';
import { accountMessage } from '../messages.ts';

export const revokeApiTokenInput = z.object({ tokenPublicId: z.string().min(1) });

/** Revokes a token of the organisation. */
export async function revokeApiToken(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  { actor, ...input }: CommandOptions<TokenActor>,
): Promise<void> {
  const { tokenPublicId } = parseInput(revokeApiTokenInput, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await assertManagesTokens(tx, actor);
    const r = await tx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('organisation_id', '=', actor.organisationId)
      .where('public_id', '=', tokenPublicId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw conflict(accountMessage('tokenGone'));
    await recordAudit(
      tx,
      {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'api_token.revoked',
        subjectType: 'api_token',
        subjectId: tokenPublicId,
        ip: actor.ip,
      },
      now,
    );
  });
}
