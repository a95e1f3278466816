import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { requireMember } from '../../accounts/index.ts';

/**
 * A credential's signed document, exactly as issued, for its recipient (any confirmed address)
 * or the issuer's staff (applications.read); not_found for anyone else.
 */
export async function credentialDocumentFor(db: Queryable, userId: number, credentialPublicId: string) {
  const row = await db
    .selectFrom('credentials')
    .select(['document', 'recipient_email', 'organisation_id'])
    .where('public_id', '=', credentialPublicId)
    .executeTakeFirst();
  if (!row) throw notFound('credential');
  const mine = row.recipient_email
    ? await db
        .selectFrom('user_emails')
        .select('id')
        .where('user_id', '=', userId)
        .where('email', '=', row.recipient_email)
        .where('confirmed_at', 'is not', null)
        .executeTakeFirst()
    : undefined;
  if (mine) return row.document;
  const org = await db
    .selectFrom('organisations')
    .select('slug')
    .where('id', '=', row.organisation_id)
    .executeTakeFirstOrThrow();
  await requireMember(db, org.slug, userId, 'applications.read');
  return row.document;
}
