import { sql } from 'kysely';
import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { statusListsStamp } from '../../verification/index.ts';

/** The reads of the public badge pages and files (badgePage.tsx). */

/** One badge with everything its public page and files need, in one query. */
export async function findBadge(db: Queryable, publicId: string) {
  const row = await db
    .selectFrom('credentials as cr')
    .innerJoin('organisations as o', 'o.id', 'cr.organisation_id')
    .leftJoin('credential_privacy as p', 'p.credential_id', 'cr.id')
    .leftJoin('issuer_keys as k', 'k.id', 'cr.issuer_key_id')
    // The account that accepted the badge: its name is what "Issued to" shows (unless hidden).
    .leftJoin('credential_claims as cl', (j) =>
      j.onRef('cl.credential_id', '=', 'cr.id').on('cl.state', '=', 'accepted'),
    )
    .leftJoin('users as u', 'u.id', 'cl.user_id')
    // The Spanish edition of the design version it was issued for, if its issuer wrote one.
    .leftJoin('micro_credential_versions as ev', (j) =>
      j
        .onRef('ev.micro_credential_id', '=', 'cr.micro_credential_id')
        .onRef('ev.version', '=', 'cr.micro_credential_version'),
    )
    .select(['ev.es_name', 'ev.es_description', 'ev.es_criteria'])
    .select([
      'cr.id',
      'cr.public_id',
      'cr.document',
      'cr.document_sha256',
      'cr.jwt',
      'cr.issued_at',
      'cr.achievement_name',
      'cr.micro_credential_id',
      'cr.micro_credential_version',
      'cr.recipient_email',
      'o.name as org_name',
      'p.private',
      'p.show_name',
      'p.user_id as privacy_user_id',
      'k.status as key_status',
      'u.name as holder_name',
    ])
    // What the page needs besides the row, in the same query: the state verification depends on,
    // and whether any recognizer approved this version (most badges: no, and no more queries).
    .select([
      statusListsStamp('cr.id').as('lists'),
      sql<boolean>`exists (select 1 from program_submissions s where s.micro_credential_id = cr.micro_credential_id and s.micro_credential_version = cr.micro_credential_version and s.status = 'approved')`.as(
        'approved_somewhere',
      ),
    ])
    .where('cr.public_id', '=', publicId)
    .executeTakeFirst();
  if (!row) throw notFound('badge');
  return row;
}

/** The latest revocation or suspension of a credential, with the reason shown publicly. */
export function lastStatusEvent(db: Queryable, publicId: string) {
  return db
    .selectFrom('credential_status_events as e')
    .innerJoin('credentials as cr', 'cr.id', 'e.credential_id')
    .select(['e.action', 'e.reason', 'e.created_at'])
    .where('cr.public_id', '=', publicId)
    .where('e.action', 'in', ['revoked', 'suspended'])
    .orderBy('e.id', 'desc')
    .executeTakeFirst();
}

/** What an oEmbed snippet of a badge shows. */
export function badgeForEmbed(db: Queryable, publicId: string) {
  return db
    .selectFrom('credentials as cr')
    .innerJoin('organisations as o', 'o.id', 'cr.organisation_id')
    .leftJoin('credential_privacy as p', 'p.credential_id', 'cr.id')
    .select(['cr.achievement_name', 'o.name', 'p.private'])
    .where('cr.public_id', '=', publicId)
    .executeTakeFirst();
}
