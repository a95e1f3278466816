import { AppError } from '../../../domain/errors.ts';
import { hashToken, newSecretToken } from '../../../domain/ids.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { AccountTokensTable } from '../../../storage/schema.ts';
import { accountMessage } from '../messages.ts';

type Purpose = AccountTokensTable['purpose'];

/** Creates a single-use token for an emailed link; returns the secret (only its hash is stored). */
export async function issueAccountToken(
  db: Queryable,
  t: { purpose: Purpose; userId: number; emailId: number | null; ttlMs: number; now: Date },
): Promise<string> {
  const token = newSecretToken();
  await db
    .insertInto('account_tokens')
    .values({
      token_hash: hashToken(token),
      purpose: t.purpose,
      user_id: t.userId,
      email_id: t.emailId,
      expires_at: new Date(t.now.getTime() + t.ttlMs),
      created_at: t.now,
    })
    .execute();
  return token;
}

/** Uses up a token: throws token_invalid when unknown, used, expired or for another purpose. */
export async function consumeAccountToken(db: Queryable, token: string, purpose: Purpose, now: Date) {
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'email_id'])
    .executeTakeFirst();
  if (!row) {
    throw new AppError('token_invalid', accountMessage('linkUsed'));
  }
  return row;
}
