import type { Queryable } from '../../../storage/database.ts';

/** The pathways an organisation defines (each with its requirement tree). */
export function organisationPathways(db: Queryable, organisationId: number) {
  return db.selectFrom('pathways').selectAll().where('organisation_id', '=', organisationId).execute();
}

/** The credentials a pathway awarded to an address (revoked ones included). */
export function pathwayAwardsTo(
  db: Queryable,
  pathwayId: number,
  recipientEmail: string,
): Promise<{ id: number; public_id: string }[]> {
  return db
    .selectFrom('credentials')
    .select(['id', 'public_id'])
    .where('pathway_id', '=', pathwayId)
    .where('recipient_email', '=', recipientEmail)
    .execute();
}
