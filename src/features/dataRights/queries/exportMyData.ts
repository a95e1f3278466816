import type { Queryable } from '../../../storage/database.ts';

// Reads for the personal data export (exportMyData.ts).

/** One application's evidence items, review attempts, payments and uploaded files. */
export async function applicationDetails(db: Queryable, applicationId: number) {
  const items = await db
    .selectFrom('evidence_items as i')
    .leftJoin('evidence_files as f', 'f.id', 'i.file_id')
    .select([
      'i.part_index',
      'i.kind',
      'i.text_value',
      'i.link_url',
      'i.updated_at',
      'f.id as file_id',
      'f.public_id as file_public_id',
      'f.filename',
      'f.content_type',
      'f.size',
      'f.sha256',
    ])
    .where('i.application_id', '=', applicationId)
    .orderBy('i.part_index')
    .execute();
  const attempts = await db
    .selectFrom('attempts')
    .select([
      'number',
      'evidence',
      'submitted_at',
      'decision',
      'scores',
      'feedback',
      'overall_feedback',
      'reviewed_at',
    ])
    .where('application_id', '=', applicationId)
    .orderBy('number')
    .execute();
  const payments = await db
    .selectFrom('payments')
    .select([
      'public_id',
      'invoice_number',
      'amount_minor',
      'currency',
      'state',
      'provider_reference',
      'paid_at',
      'refunded_at',
      'refund_reason',
      'created_at',
    ])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  const files = await db
    .selectFrom('evidence_files')
    .select(['id', 'public_id', 'filename'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  return { items, attempts, payments, files };
}

/** The account and its email addresses. */
export async function accountOf(db: Queryable, userId: number) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'public_id', 'name', 'is_platform_admin', 'created_at', 'updated_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const emails = await db
    .selectFrom('user_emails')
    .select(['email', 'is_primary', 'confirmed_at', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return { user, emails };
}

/** The organisations a person belongs to, with their roles. */
export async function membershipsOf(db: Queryable, userId: number) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.public_id as organisation', 'o.slug', 'o.name', 'm.roles', 'm.created_at as joinedAt'])
    .where('m.user_id', '=', userId)
    .orderBy('m.id')
    .execute();
}

/** The learning teams a person belongs to. */
export async function teamsOf(db: Queryable, userId: number) {
  return db
    .selectFrom('team_members as tm')
    .innerJoin('teams as t', 't.id', 'tm.team_id')
    .select(['t.public_id as team', 't.name', 'tm.joined_at as joinedAt'])
    .where('tm.user_id', '=', userId)
    .execute();
}

/** A person's applications, with the version and organisation they were for. */
export async function applicationsOf(db: Queryable, userId: number) {
  return db
    .selectFrom('applications as a')
    .innerJoin('micro_credential_versions as v', 'v.id', 'a.version_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select([
      'a.id',
      'a.public_id',
      'a.status',
      'a.deadline_at',
      'a.attempts',
      'a.created_at',
      'a.updated_at',
      'a.passed_at',
      'a.proof_program',
      'v.title',
      'v.version',
      'o.name as organisation',
    ])
    .where('a.earner_user_id', '=', userId)
    .orderBy('a.id')
    .execute();
}

/** One evidence file's hash and bytes (empty when the file is on disk). */
export async function evidenceFileBytes(db: Queryable, fileId: number) {
  return db
    .selectFrom('evidence_files')
    .select(['sha256', 'bytes'])
    .where('id', '=', fileId)
    .executeTakeFirstOrThrow();
}

/** A credential's signed document and VC-JWT, exactly as issued. */
export async function signedCredential(db: Queryable, credentialId: number) {
  return db
    .selectFrom('credentials')
    .select(['document', 'jwt'])
    .where('id', '=', credentialId)
    .executeTakeFirstOrThrow();
}

/** The badges a person imported into their backpack, with what they gave. */
export async function importsOf(db: Queryable, userId: number) {
  return db
    .selectFrom('imported_credentials')
    .select([
      'id',
      'public_id',
      'format',
      'source_url',
      'original_text',
      'original_bytes',
      'name',
      'issuer_name',
      'issued_on',
      'status',
      'verified',
      'failure_reason',
      'checked_at',
      'created_at',
    ])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** A person's backpack collections, each with its items. */
export async function collectionsOf(db: Queryable, userId: number) {
  const collections = await db
    .selectFrom('collections')
    .select(['id', 'public_id', 'name', 'description', 'shared', 'created_at', 'updated_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  const out = [];
  for (const c of collections) {
    const items = await db
      .selectFrom('collection_items as ci')
      .leftJoin('credentials as cr', 'cr.id', 'ci.credential_id')
      .leftJoin('imported_credentials as ic', 'ic.id', 'ci.imported_credential_id')
      .select(['ci.position', 'cr.public_id as credential', 'ic.public_id as imported'])
      .where('ci.collection_id', '=', c.id)
      .orderBy('ci.position')
      .execute();
    out.push({ ...c, items });
  }
  return out;
}
