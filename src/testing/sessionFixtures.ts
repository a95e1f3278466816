import { publicId } from '../domain/ids.ts';
import type { Queryable } from '../storage/database.ts';

/**
 * Approved continuing-education sessions of a proof-of-completion micro-credential, written
 * directly (as migration 0026 moved the former free-text list): each label "provider — title"
 * becomes one approved session with no provider organisation. Returns their public ids.
 */
export async function approvedSessions(
  db: Queryable,
  mcPublicId: string,
  labels: string[],
): Promise<string[]> {
  const mc = await db
    .selectFrom('micro_credentials')
    .select(['id', 'organisation_id'])
    .where('public_id', '=', mcPublicId)
    .executeTakeFirstOrThrow();
  const now = new Date();
  const ids: string[] = [];
  for (const label of labels) {
    const at = label.indexOf(' — ');
    const row = await db
      .insertInto('ce_sessions')
      .values({
        public_id: publicId('ses'),
        council_organisation_id: mc.organisation_id,
        micro_credential_id: mc.id,
        provider_organisation_id: null,
        provider_name: at >= 0 ? label.slice(0, at) : '',
        title: at >= 0 ? label.slice(at + 3) : label,
        status: 'approved',
        requested_by: null,
        decided_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('public_id')
      .executeTakeFirstOrThrow();
    ids.push(row.public_id);
  }
  return ids;
}
