import type { Queryable } from '../../../storage/database.ts';
import { listSubjectAudit } from '../../../storage/audit.ts';

/** Every read the outcomes page makes; the loader turns them into a view model. */

/** The published version of one of the organisation's micro-credentials (none when not published). */
export function publishedVersion(db: Queryable, organisationId: number, mcPublicId: string) {
  return db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .selectAll('v')
    .select(['m.public_id as mc_public_id', 'm.retired_at'])
    .where('m.public_id', '=', mcPublicId)
    .where('m.organisation_id', '=', organisationId)
    .where('v.status', '=', 'published')
    .executeTakeFirst();
}

/** The outcomes recorded for a micro-credential so far (from its audit trail), newest first. */
export async function recordedOutcomes(db: Queryable, organisationId: number, mcPublicId: string) {
  const rows = await listSubjectAudit(db, organisationId, 'micro_credential', mcPublicId);
  return rows
    .filter((r) => r.action === 'outcome.recorded' || r.action === 'outcome.below_threshold')
    .reverse();
}
