import { sql } from 'kysely';
import type { Queryable } from '../../storage/database.ts';

/** Every statement of the OB 2.0 export. */

/** Public ids and slugs are short words: anything else (a NUL, which PostgreSQL text cannot hold) matches nothing, without a query. */
const lookupable = (value: string) => /^[A-Za-z0-9_-]{1,100}$/.test(value);

/** A credential as the OB 2.0 documents need it: the signed OB 3.0 text, its recipient, dates, issuer, privacy and status. */
export async function credentialForOb2(db: Queryable, publicId: string) {
  if (!lookupable(publicId)) return undefined;
  return (
    db
      .selectFrom('credentials as cr')
      .innerJoin('organisations as o', 'o.id', 'cr.organisation_id')
      .leftJoin('credential_privacy as p', 'p.credential_id', 'cr.id')
      .select([
        'cr.id',
        'cr.public_id',
        'cr.credential_id',
        'cr.document',
        'cr.recipient_email',
        'cr.recipient_did',
        'cr.achievement_name',
        'cr.valid_from',
        'cr.valid_until',
        'o.slug as org_slug',
        'o.name as org_name',
        'p.private',
        'p.user_id as privacy_user_id',
      ])
      // The latest revocation, suspension or reinstatement decides the OB 2.0 `revoked` flag.
      .select([
        sql<
          string | null
        >`(select e.action from credential_status_events e where e.credential_id = cr.id order by e.id desc limit 1)`.as(
          'status_action',
        ),
        sql<
          string | null
        >`(select e.reason from credential_status_events e where e.credential_id = cr.id order by e.id desc limit 1)`.as(
          'status_reason',
        ),
      ])
      .where('cr.public_id', '=', publicId)
      .executeTakeFirst()
  );
}

export type Ob2Source = NonNullable<Awaited<ReturnType<typeof credentialForOb2>>>;

export async function issuerForOb2(db: Queryable, slug: string) {
  if (!lookupable(slug)) return undefined;
  return db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'description', 'website'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export type Ob2Issuer = NonNullable<Awaited<ReturnType<typeof issuerForOb2>>>;
