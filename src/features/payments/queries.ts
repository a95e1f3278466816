import { can } from '../../domain/roles.ts';
import { notFound } from '../../domain/errors.ts';
import type { Queryable } from '../../storage/database.ts';

/**
 * SQL of the payments feature: its pages' reads and the fee commands' lookups. (The commands keep
 * their own guarded updates, each beside the rule it enforces.)
 */

/** A payment with its application and organisation, for its earner or the issuer's staff; not_found for anyone else. */
export async function paymentFor(db: Queryable, viewerId: number, paymentPublicId: string) {
  const payment = await db
    .selectFrom('payments as y')
    .innerJoin('applications as p', 'p.id', 'y.application_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .innerJoin('organisations as o', 'o.id', 'y.organisation_id')
    .innerJoin('users as u', 'u.id', 'p.earner_user_id')
    .selectAll('y')
    .select([
      'p.public_id as application_public_id',
      'p.earner_user_id',
      'v.title',
      'o.name as org_name',
      'o.slug as org_slug',
      'u.name as earner_name',
    ])
    .where('y.public_id', '=', paymentPublicId)
    .executeTakeFirst();
  if (!payment) throw notFound('invoice');
  if (payment.earner_user_id !== viewerId) {
    const m = await db
      .selectFrom('memberships')
      .select('roles')
      .where('organisation_id', '=', payment.organisation_id)
      .where('user_id', '=', viewerId)
      .executeTakeFirst();
    if (!m || !can(m.roles, 'applications.read')) throw notFound('invoice');
  }
  return payment;
}

/** The title of the version an application was made to. */
export function versionTitle(db: Queryable, versionId: number) {
  return db
    .selectFrom('micro_credential_versions')
    .select(['title'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
}

/** An application's uploaded certificate (evidence part 0) and its attempts, newest first. */
export function certificateAndAttempts(db: Queryable, applicationId: number) {
  return Promise.all([
    db
      .selectFrom('evidence_items as e')
      .innerJoin('evidence_files as f', 'f.id', 'e.file_id')
      .select(['f.public_id', 'f.filename'])
      .where('e.application_id', '=', applicationId)
      .where('e.part_index', '=', 0)
      .executeTakeFirst(),
    db
      .selectFrom('attempts')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('number', 'desc')
      .execute(),
  ]);
}

/** Whether an application's version is earned by proof of completion. */
export async function isProofVersion(db: Queryable, versionId: number): Promise<boolean> {
  const v = await db
    .selectFrom('micro_credential_versions')
    .select('earning_mode')
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  return v.earning_mode === 'proof_of_completion';
}

/** An application's current fee payment (the newest that is not cancelled), if any. */
export function currentPayment(db: Queryable, applicationId: number) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('state', '!=', 'cancelled')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The next invoice number of an organisation (INV-000001, …): one atomic counter row per organisation. */
export async function nextInvoiceNumber(tx: Queryable, organisationId: number): Promise<string> {
  const row = await tx
    .insertInto('invoice_counters')
    .values({ organisation_id: organisationId, last_number: 1 })
    .onConflict((oc) =>
      oc
        .column('organisation_id')
        .doUpdateSet((eb) => ({ last_number: eb('invoice_counters.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `INV-${String(row.last_number).padStart(6, '0')}`;
}

/** An organisation's name. */
export async function organisationName(db: Queryable, organisationId: number): Promise<string> {
  const org = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return org.name;
}

/** A proof-of-completion application of the acting staff member's organisation, or not_found. */
export async function staffApplication(tx: Queryable, organisationId: number, applicationPublicId: string) {
  const app = await tx
    .selectFrom('applications as p')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .select([
      'p.id',
      'p.public_id',
      'p.status',
      'p.organisation_id',
      'p.earner_user_id',
      'p.attempts',
      'v.title',
      'v.earning_mode',
    ])
    .where('p.public_id', '=', applicationPublicId)
    .where('p.organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!app || app.earning_mode !== 'proof_of_completion') throw notFound('application');
  return app;
}

/** The attempt of an application still waiting for a decision, if any. */
export async function openAttempt(tx: Queryable, applicationId: number) {
  return tx
    .selectFrom('attempts')
    .select(['id', 'number'])
    .where('application_id', '=', applicationId)
    .where('decision', 'is', null)
    .orderBy('number', 'desc')
    .executeTakeFirst();
}

/** A payment of the acting staff member's organisation (404 for anyone else). */
export async function staffPayment(tx: Queryable, organisationId: number, paymentPublicId: string) {
  const payment = await tx
    .selectFrom('payments as y')
    .innerJoin('applications as p', 'p.id', 'y.application_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .selectAll('y')
    .select(['p.public_id as application_public_id', 'p.earner_user_id', 'v.title'])
    .where('y.public_id', '=', paymentPublicId)
    .where('y.organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!payment) throw notFound('payment');
  return payment;
}

/** The staff queue: proof-of-completion applications of an organisation with their payment. */
export function proofQueue(db: Queryable, organisationId: number, which: 'open' | 'decided') {
  let q = db
    .selectFrom('applications as p')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .innerJoin('users as u', 'u.id', 'p.earner_user_id')
    .leftJoin('payments as y', (j) =>
      j.onRef('y.application_id', '=', 'p.id').on('y.state', '!=', 'cancelled'),
    )
    .leftJoin('evidence_items as e', (j) =>
      j.onRef('e.application_id', '=', 'p.id').on('e.part_index', '=', 0),
    )
    .leftJoin('evidence_files as f', 'f.id', 'e.file_id')
    .select([
      'p.public_id',
      'p.status',
      'p.proof_program',
      'p.created_at',
      'p.updated_at',
      'v.title',
      'u.name as earner_name',
      'y.public_id as payment_id',
      'y.state as payment_state',
      'y.invoice_number',
      'y.amount_minor',
      'y.currency',
      'f.public_id as file_id',
      'f.filename',
    ])
    .where('p.organisation_id', '=', organisationId)
    .where('v.earning_mode', '=', 'proof_of_completion');
  q =
    which === 'open'
      ? q.where('p.status', 'in', ['in_progress', 'submitted', 'in_review']).orderBy('p.updated_at')
      : q.where('p.status', 'in', ['passed', 'rejected']).orderBy('p.updated_at', 'desc').limit(100);
  return q.execute();
}
