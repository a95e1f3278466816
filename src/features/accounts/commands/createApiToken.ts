import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { hashToken, publicId } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { API_SCOPES, TOKEN_PREFIX, type ApiScope } from '../../../http/apiTokens.ts';
import { assertManagesTokens, type TokenActor } from './tokenActor.ts';
import type { CommandOptions } from './options.ts';
import { accountMessage } from '../messages.ts';

/** Scopes from a form (checkboxes), JSON (an array) or the CLI (“a,b”); absent = every scope. */
export const scopesInput = z
  .preprocess(
    (v) =>
      v === undefined
        ? [...API_SCOPES]
        : typeof v === 'string'
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : v,
    z
      .array(
        z.enum(API_SCOPES, { message: accountMessage('unknownScope', { scopes: API_SCOPES.join(', ') }) }),
      )
      .min(1, accountMessage('chooseScope')),
  )
  .transform((scopes) => API_SCOPES.filter((s) => scopes.includes(s)));

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, accountMessage('nameToken')).max(100),
  scopes: scopesInput,
});

/** Creates an organisation API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  { actor, ...input }: CommandOptions<TokenActor>,
): Promise<{ publicId: string; token: string; scopes: ApiScope[] }> {
  const { name, scopes } = parseInput(createApiTokenInput, input);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    await assertManagesTokens(tx, actor);
    const row = await tx
      .insertInto('api_tokens')
      .values({
        public_id: publicId('tok'),
        organisation_id: actor.organisationId,
        name,
        token_hash: hashToken(token),
        created_by: actor.userId,
        created_at: now,
        scopes,
      })
      .returning('public_id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'api_token.created',
        subjectType: 'api_token',
        subjectId: row.public_id,
        data: { name, scopes },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id, token, scopes };
  });
}
