import { sql } from 'kysely';
import { AppError, notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/**
 * The facts issuing gathers before it builds anything: the organisation, the micro-credential
 * version it awards, and what a bulk-award batch needs to know about its recipients.
 */

/** An organisation that issues credentials (a recognizer never does). */
export async function findIssuingOrganisation(db: Queryable, organisationId: number): Promise<Organisation> {
  const organisation = await db
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!organisation) throw notFound('organisation');
  if (organisation.kind === 'recognizer')
    throw new AppError('forbidden', commandMessage('errors.issuing.organisation.issuersOnly'));
  return organisation;
}

/** A version of one of the organisation's micro-credentials: the published one, or the one named (never a draft). */
export async function awardableVersion(
  db: Queryable,
  organisationId: number,
  mcPublicId: string,
  version?: number,
) {
  let query = db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('badge_images as i', 'i.id', 'v.image_id')
    .selectAll('v')
    .select([
      'm.id as mc_id',
      'm.slug as mc_slug',
      'm.retired_at',
      'o.slug as org_slug',
      'i.public_id as image_public_id',
    ])
    .where('m.public_id', '=', mcPublicId)
    .where('m.organisation_id', '=', organisationId);
  query =
    version === undefined
      ? query.where('v.status', '=', 'published')
      : query.where('v.version', '=', version).where('v.status', '!=', 'draft');
  return query.executeTakeFirst();
}

/** Whether the organisation has any pathway (re-evaluating an earner's pathways is worth a job only then). */
export async function organisationHasPathways(db: Queryable, organisationId: number): Promise<boolean> {
  const pathway = await db
    .selectFrom('pathways')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .limit(1)
    .executeTakeFirst();
  return Boolean(pathway);
}

/** Award keys of a micro-credential version already holding a credential, among the keys given. */
export async function existingAwardKeys(
  db: Queryable,
  award: { organisationId: number; microCredentialId: number; version: number },
  keys: Array<{ email: string; externalId: string }>,
): Promise<Array<{ recipient_email: string; external_id: string; credential_id: number }>> {
  // A join on the batch's keys as one JSON parameter (a long row-IN list nests too deeply for the embedded database).
  const wanted = JSON.stringify(keys.map((i) => ({ email: i.email, external_id: i.externalId })));
  const found = await sql<{ recipient_email: string; external_id: string; credential_id: number }>`
    select k.recipient_email, k.external_id, k.credential_id
    from award_keys as k
    join jsonb_to_recordset(${wanted}::jsonb) as v(email text, external_id text) on k.recipient_email = v.email and k.external_id = v.external_id
    where k.organisation_id = ${award.organisationId} and k.micro_credential_id = ${award.microCredentialId}
      and k.micro_credential_version = ${award.version}`.execute(db);
  return found.rows.map((r) => ({ ...r, credential_id: Number(r.credential_id) }));
}

const CHUNK = 500;

/** The accounts holding these addresses confirmed: each one's name and chosen language (for the claim emails). */
export async function accountsByEmail(
  db: Queryable,
  emails: string[],
): Promise<Map<string, { name: string; locale: string | null }>> {
  const accounts = new Map<string, { name: string; locale: string | null }>();
  for (let i = 0; i < emails.length; i += CHUNK) {
    const rows = await db
      .selectFrom('users')
      .innerJoin('user_emails as e', 'e.user_id', 'users.id')
      .select(['e.email', 'users.name', 'users.locale'])
      .where('e.email', 'in', emails.slice(i, i + CHUNK))
      .where('e.confirmed_at', 'is not', null)
      .execute();
    for (const r of rows) accounts.set(r.email, { name: r.name, locale: r.locale });
  }
  return accounts;
}

/** Which of these indexes of a status list are taken. */
export async function takenIndexes(
  db: Queryable,
  statusListId: number,
  indexes: number[],
): Promise<Set<number>> {
  // One array parameter: cheaper to send and plan than hundreds of IN parameters.
  const rows = await sql<{
    list_index: number;
  }>`select list_index from status_entries where status_list_id = ${statusListId} and list_index = any(${`{${indexes.join(',')}}`}::integer[])`.execute(
    db,
  );
  return new Set(rows.rows.map((r) => r.list_index));
}
