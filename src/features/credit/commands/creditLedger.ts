import { z } from 'zod';
import { sql } from 'kysely';
import { AppError, conflict, forbidden, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { applyCap, creditFor, cycleContaining, dayOf, dayString, isDay } from '../renewal.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { findUserByConfirmedEmail } from '../../../storage/users.ts';
import { recognitionsForCredential } from '../../recognition/index.ts';
import { enqueueJob } from '../../../jobs/queue.ts';
import { requireRecognizer } from '../../recognition/index.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

export const NOTIFY_RECOGNIZERS = 'recognition.notify';
export const REVERSE_CREDITS = 'recognition.reverse_credits';
export const SEND_NOTICE_DIGESTS = 'recognition.digest';

/** Who acts on the ledger: an officer (userId) or Cairn itself by rule (null). */
export interface LedgerActor {
  userId: number | null;
  ip: string | null;
}

// ---------------------------------------------------------------------------------------------
// Hooks called inside other commands' transactions

/**
 * Called in the issuing transaction: when the new credential's micro-credential version (or
 * pathway) is recognized by any program on its issue date, enqueues the job that writes the
 * completion notices. The job exists exactly when the credential does.
 */
export async function enqueueCompletionNotices(
  tx: Queryable,
  credentialId: number,
  now: Date,
): Promise<void> {
  const credential = await tx
    .selectFrom('credentials')
    .select([
      'id',
      'micro_credential_id',
      'micro_credential_version',
      'pathway_id',
      'issued_at',
      'organisation_id',
    ])
    .where('id', '=', credentialId)
    .executeTakeFirst();
  if (!credential || (credential.micro_credential_id === null && credential.pathway_id === null)) return;
  const recognitions = await recognitionsForCredential(tx, credential, dayOf(credential.issued_at));
  if (recognitions.length === 0) return;
  await enqueueJob(tx, NOTIFY_RECOGNIZERS, { credentialId }, now, {
    idempotencyKey: `recognition-notify:${credentialId}`,
    organisationId: credential.organisation_id,
  });
}

/**
 * The batch form of enqueueCompletionNotices, for issuing paths that insert many credentials of
 * one micro-credential version at once (bulk awards): one recognition lookup, one job per credential.
 */
export async function enqueueCompletionNoticesForMany(
  tx: Queryable,
  credentialIds: number[],
  now: Date,
): Promise<number> {
  if (credentialIds.length === 0) return 0;
  const rows = await tx
    .selectFrom('credentials')
    .select([
      'id',
      'micro_credential_id',
      'micro_credential_version',
      'pathway_id',
      'issued_at',
      'organisation_id',
    ])
    .where('id', 'in', credentialIds)
    .execute();
  const recognized = new Map<string, boolean>();
  const notify: typeof rows = [];
  for (const c of rows) {
    if (c.micro_credential_id === null && c.pathway_id === null) continue;
    const key = `${c.micro_credential_id}:${c.micro_credential_version}:${c.pathway_id}:${dayOf(c.issued_at)}`;
    if (!recognized.has(key))
      recognized.set(key, (await recognitionsForCredential(tx, c, dayOf(c.issued_at))).length > 0);
    if (recognized.get(key)) notify.push(c);
  }
  if (notify.length === 0) return 0;
  // One statement for the batch, with the keys enqueueCompletionNotices uses (a job that exists stays).
  await tx
    .insertInto('jobs')
    .values(
      notify.map((c) => ({
        type: NOTIFY_RECOGNIZERS,
        payload: JSON.stringify({ credentialId: c.id }),
        run_at: now,
        idempotency_key: `recognition-notify:${c.id}`,
        max_attempts: 8,
        organisation_id: c.organisation_id,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  return notify.length;
}

/** Called in the revoking transaction: reverses every credit the credential earned (in a job). */
export async function enqueueCreditReversal(tx: Queryable, credentialId: number, now: Date): Promise<void> {
  const credential = await tx
    .selectFrom('credentials')
    .select(['micro_credential_id', 'pathway_id', 'organisation_id'])
    .where('id', '=', credentialId)
    .executeTakeFirst();
  if (!credential || (credential.micro_credential_id === null && credential.pathway_id === null)) return;
  await enqueueJob(tx, REVERSE_CREDITS, { credentialId }, now, {
    idempotencyKey: `recognition-reverse:${credentialId}`,
    organisationId: credential.organisation_id,
  });
}

// ---------------------------------------------------------------------------------------------
// Matching credentials to earners

/** The account whose confirmed email a credential was issued to. */
export async function userForEmail(db: Queryable, email: string | null): Promise<number | null> {
  if (!email) return null;
  return (await findUserByConfirmedEmail(db, email.trim().toLowerCase()))?.id ?? null;
}

async function isRevoked(db: Queryable, credentialId: number): Promise<boolean> {
  const row = await db
    .selectFrom('credential_status_events')
    .select('id')
    .where('credential_id', '=', credentialId)
    .where('action', '=', 'revoked')
    .executeTakeFirst();
  return Boolean(row);
}

// ---------------------------------------------------------------------------------------------
// Completion notices

/**
 * The `recognition.notify` job: one completion notice per program recognizing the credential on
 * its issue date (idempotent by unique(program, credential)), carrying the signed text as issued;
 * the recognizer's webhooks fire from the audit entry (features/webhooks); automatic programs post credit when the earner's license is confirmed.
 */
export async function createCompletionNotices(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  credentialId: number,
): Promise<number> {
  const now = deps.clock.now();
  const credential = await deps.db
    .selectFrom('credentials as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.public_id',
      'c.document',
      'c.recipient_email',
      'c.issued_at',
      'c.micro_credential_id',
      'c.micro_credential_version',
      'c.pathway_id',
      'c.organisation_id',
      'c.achievement_name',
      'o.name as issuer_name',
    ])
    .where('c.id', '=', credentialId)
    .executeTakeFirst();
  if (!credential) return 0;
  const recognitions = await recognitionsForCredential(deps.db, credential, dayOf(credential.issued_at));
  const userId = await userForEmail(deps.db, credential.recipient_email);
  let created = 0;
  for (const r of recognitions) {
    await inTransaction(deps.db, async (tx) => {
      const program = await tx
        .selectFrom('recognition_programs')
        .select(['id', 'posting'])
        .where('id', '=', r.programId)
        .executeTakeFirstOrThrow();
      const license =
        userId === null
          ? undefined
          : await tx
              .selectFrom('license_records')
              .select(['id', 'state'])
              .where('program_id', '=', r.programId)
              .where('user_id', '=', userId)
              .executeTakeFirst();
      const notice = await tx
        .insertInto('completion_notices')
        .values({
          public_id: publicId('notice'),
          program_id: r.programId,
          credential_id: credential.id,
          submission_id: r.submissionId,
          license_record_id: license?.id ?? null,
          document: credential.document,
          hours_granted: r.hoursGranted,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['program_id', 'credential_id']).doNothing())
        .returning(['id', 'public_id'])
        .executeTakeFirst();
      if (!notice) return;
      created++;
      await recordAudit(
        tx,
        {
          organisationId: r.recognizerOrganisationId,
          actorUserId: null,
          action: 'notice.created',
          subjectType: 'completion_notice',
          subjectId: notice.public_id,
          data: {
            credential: credential.public_id,
            program: r.programPublicId,
            issuer: credential.issuer_name,
            achievement: credential.achievement_name,
          },
          ip: null,
        },
        now,
      );
      await recordAudit(
        tx,
        {
          organisationId: credential.organisation_id,
          actorUserId: null,
          action: 'credential.notice_sent',
          subjectType: 'credential',
          subjectId: credential.public_id,
          data: { recognizer: r.recognizerName, program: r.programName, notice: notice.public_id },
          ip: null,
        },
        now,
      );
      if (program.posting === 'automatic' && license?.state === 'confirmed')
        await postCreditInTx(tx, notice.id, { userId: null, ip: null }, now, { quiet: true });
    });
  }
  return created;
}

interface PostOptions {
  /** By rule: skip silently when the notice cannot be posted (instead of telling an officer why). */
  quiet?: boolean;
}

/**
 * Posts credit for a notice to the earner's confirmed license: hours by the program's unit rule,
 * in the cycle containing the credential's issue date, capped per cycle. Marks the notice posted.
 */
async function postCreditInTx(
  tx: Queryable,
  noticeId: number,
  actor: LedgerActor,
  now: Date,
  options: PostOptions = {},
): Promise<{ entryPublicId: string; hours: number } | null> {
  const notice = await tx
    .selectFrom('completion_notices as n')
    .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
    .innerJoin('credentials as c', 'c.id', 'n.credential_id')
    .select([
      'n.id',
      'n.public_id',
      'n.state',
      'n.license_record_id',
      'n.hours_granted',
      'n.credential_id',
      'n.program_id',
      'p.unit_rule',
      'p.fixed_hours',
      'p.cap_hours_per_cycle',
      'p.cycle_years',
      'p.organisation_id',
      'p.public_id as program_public_id',
      'c.public_id as credential_public_id',
      'c.document',
      'c.issued_at',
      'c.recipient_email',
    ])
    .where('n.id', '=', noticeId)
    .forUpdate('n')
    .executeTakeFirst();
  const refuse = (message: string) => {
    if (options.quiet) return null;
    throw conflict(message);
  };
  if (!notice) return refuse('That notice does not exist.');
  if (notice.state !== 'new')
    return refuse(
      notice.state === 'posted' ? 'Credit for this notice is already posted.' : 'This notice was dismissed.',
    );
  // Shares the credential's row lock with a revocation (changeCredentialStatus locks it for
  // update): either the revocation sees this credit and reverses it, or this sees the revocation.
  await tx.selectFrom('credentials').select('id').where('id', '=', notice.credential_id).forShare().execute();
  if (await isRevoked(tx, notice.credential_id))
    return refuse('The issuer revoked this credential: it earns no credit.');
  let licenseId = notice.license_record_id;
  if (licenseId === null) {
    const userId = await userForEmail(tx, notice.recipient_email);
    const found =
      userId === null
        ? undefined
        : await tx
            .selectFrom('license_records')
            .select('id')
            .where('program_id', '=', notice.program_id)
            .where('user_id', '=', userId)
            .executeTakeFirst();
    licenseId = found?.id ?? null;
  }
  // The license row is locked (NO KEY UPDATE: the notice and entry rows' foreign keys only take KEY
  // SHARE on it) so two notices posting at once add up under the cap.
  const license =
    licenseId === null
      ? undefined
      : await tx
          .selectFrom('license_records')
          .select(['id', 'public_id', 'state', 'cycle_start', 'license_number', 'user_id'])
          .where('id', '=', licenseId)
          .forNoKeyUpdate()
          .executeTakeFirst();
  if (!license || license.state !== 'confirmed')
    return refuse('The earner has no confirmed license yet: credit posts once the license is confirmed.');
  if (actor.userId !== null && license.user_id === actor.userId)
    throw forbidden('Officers do not post credit to their own license; another officer does.');
  const document = JSON.parse(notice.document) as {
    credentialSubject?: { creditsEarned?: number; achievement?: { creditsAvailable?: number } };
  };
  const earned = creditFor(
    { unitRule: notice.unit_rule, fixedHours: notice.fixed_hours },
    {
      hoursGranted: notice.hours_granted,
      creditsEarned: document.credentialSubject?.creditsEarned ?? null,
      creditsAvailable: document.credentialSubject?.achievement?.creditsAvailable ?? null,
    },
  );
  const cycle = cycleContaining(dayString(license.cycle_start), notice.cycle_years, dayOf(notice.issued_at));
  const sum = await tx
    .selectFrom('credit_entries')
    .select(sql<number>`coalesce(sum(hours), 0)`.as('total'))
    .where('license_record_id', '=', license.id)
    .where('cycle_start', '=', cycle.start)
    .executeTakeFirstOrThrow();
  const capped = applyCap(earned, notice.cap_hours_per_cycle, Number(sum.total));
  const entry = await tx
    .insertInto('credit_entries')
    .values({
      public_id: publicId('cre'),
      license_record_id: license.id,
      program_id: notice.program_id,
      credential_id: notice.credential_id,
      notice_id: notice.id,
      hours: capped.hours,
      cycle_start: cycle.start,
      kind: 'credit',
      posted_by_user_id: actor.userId,
      reason: capped.reason || (actor.userId === null ? 'Posted by rule.' : 'Posted after review.'),
      created_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['license_record_id', 'credential_id']).where('kind', '=', 'credit').doNothing(),
    )
    .returning('public_id')
    .executeTakeFirst();
  await tx
    .updateTable('completion_notices')
    .set({ state: 'posted', license_record_id: license.id, decided_at: now, decided_by: actor.userId })
    .where('id', '=', notice.id)
    .execute();
  if (!entry) return null;
  await recordAudit(
    tx,
    {
      organisationId: notice.organisation_id,
      actorUserId: actor.userId,
      action: 'credit.posted',
      subjectType: 'credit_entry',
      subjectId: entry.public_id,
      data: {
        notice: notice.public_id,
        credential: notice.credential_public_id,
        license: license.public_id,
        licenseNumber: license.license_number,
        hours: capped.hours,
        earned,
        cycleStart: cycle.start,
        reason: capped.reason,
        byRule: actor.userId === null,
      },
      ip: actor.ip,
    },
    now,
  );
  await recordAudit(
    tx,
    {
      organisationId: notice.organisation_id,
      actorUserId: actor.userId,
      action: 'notice.posted',
      subjectType: 'completion_notice',
      subjectId: notice.public_id,
      data: { entry: entry.public_id, hours: capped.hours },
      ip: actor.ip,
    },
    now,
  );
  return { entryPublicId: entry.public_id, hours: capped.hours };
}

async function officerNotice(db: Queryable, slug: string, userId: number, noticePublicId: string) {
  const organisation = await requireRecognizer(db, slug, userId, 'recognition.manage');
  const notice = await db
    .selectFrom('completion_notices as n')
    .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
    .select(['n.id', 'n.public_id', 'n.state'])
    .where('n.public_id', '=', noticePublicId)
    .where('p.organisation_id', '=', organisation.id)
    .executeTakeFirst();
  if (!notice) throw notFound('That notice');
  return { organisation, notice };
}

/** An officer posts credit for a notice (review programs, or a notice that waited for its license). */
export async function postNoticeCredit(
  deps: CommandDeps,
  actor: Actor,
  slug: string,
  noticePublicId: string,
): Promise<{ entryPublicId: string; hours: number } | null> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { notice } = await officerNotice(tx, slug, actor.userId, noticePublicId);
    return postCreditInTx(tx, notice.id, actor, now);
  });
}

export const dismissInput = z.object({
  reason: z.string().trim().max(500, 'Use at most 500 characters.').default(''),
});

/** An officer dismisses a notice (no credit is posted). */
export async function dismissNotice(
  deps: CommandDeps,
  actor: Actor,
  slug: string,
  noticePublicId: string,
  input: unknown,
): Promise<void> {
  const { reason } = parseInput(dismissInput, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation, notice } = await officerNotice(tx, slug, actor.userId, noticePublicId);
    if (notice.state !== 'new')
      throw conflict(
        notice.state === 'posted'
          ? 'Credit for this notice is already posted; revoking the credential reverses it.'
          : 'This notice is already dismissed.',
      );
    await tx
      .updateTable('completion_notices')
      .set({ state: 'dismissed', decided_at: now, decided_by: actor.userId, dismiss_reason: reason || null })
      .where('id', '=', notice.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'notice.dismissed',
        subjectType: 'completion_notice',
        subjectId: notice.public_id,
        data: { reason },
        ip: actor.ip,
      },
      now,
    );
  });
}

/** Marks a notice read the first time an officer opens it. */
export async function markNoticeRead(db: Queryable, noticeId: number, now: Date): Promise<void> {
  await db
    .updateTable('completion_notices')
    .set({ read_at: now })
    .where('id', '=', noticeId)
    .where('read_at', 'is', null)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Reversal

/**
 * The `recognition.reverse_credits` job: every credit entry of a revoked credential gets a
 * reversal entry (negative hours, same cycle), never an edit. Idempotent: an entry is reversed once.
 */
export async function reverseCreditsForCredential(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  credentialId: number,
): Promise<number> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    if (!(await isRevoked(tx, credentialId))) return 0;
    const open = await tx
      .selectFrom('credit_entries as e')
      .innerJoin('recognition_programs as p', 'p.id', 'e.program_id')
      .innerJoin('credentials as c', 'c.id', 'e.credential_id')
      .leftJoin('credit_entries as r', 'r.reverses_entry_id', 'e.id')
      .select([
        'e.id',
        'e.public_id',
        'e.license_record_id',
        'e.program_id',
        'e.credential_id',
        'e.notice_id',
        'e.hours',
        'e.cycle_start',
        'p.organisation_id',
        'c.public_id as credential_public_id',
      ])
      .where('e.credential_id', '=', credentialId)
      .where('e.kind', '=', 'credit')
      .where('r.id', 'is', null)
      .execute();
    for (const e of open) {
      const reversal = await tx
        .insertInto('credit_entries')
        .values({
          public_id: publicId('cre'),
          license_record_id: e.license_record_id,
          program_id: e.program_id,
          credential_id: e.credential_id,
          notice_id: e.notice_id,
          hours: -Number(e.hours),
          cycle_start: dayString(e.cycle_start),
          kind: 'reversal',
          reverses_entry_id: e.id,
          posted_by_user_id: null,
          reason: 'The issuer revoked the credential.',
          created_at: now,
        })
        .returning('public_id')
        .executeTakeFirstOrThrow();
      await recordAudit(
        tx,
        {
          organisationId: e.organisation_id,
          actorUserId: null,
          action: 'credit.reversed',
          subjectType: 'credit_entry',
          subjectId: reversal.public_id,
          data: { reverses: e.public_id, credential: e.credential_public_id, hours: -Number(e.hours) },
          ip: null,
        },
        now,
      );
    }
    return open.length;
  });
}

// ---------------------------------------------------------------------------------------------
// License records

export const linkLicenseInput = z.object({
  program: z
    .string({ message: 'Choose the program that keeps your license.' })
    .trim()
    .min(1, 'Choose the program that keeps your license.'),
  licenseNumber: z
    .string({ message: 'Enter your license or certification number.' })
    .trim()
    .min(1, 'Enter your license or certification number.')
    .max(100, 'A license number has at most 100 characters.'),
  cycleStart: z
    .string({ message: 'Give the day your current renewal cycle began.' })
    .trim()
    .refine(isDay, 'Give the day your current renewal cycle began, as YYYY-MM-DD.'),
});

/** An earner links their license number to a recognizer's program (once; a rejected link may be corrected). */
export async function linkLicense(
  deps: CommandDeps,
  actor: Actor,
  input: unknown,
): Promise<{ publicId: string }> {
  const v = parseInput(linkLicenseInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const program = await tx
      .selectFrom('recognition_programs as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['p.id', 'p.public_id', 'p.organisation_id', 'p.name'])
      .where('p.public_id', '=', v.program)
      .where('p.archived_at', 'is', null)
      .where('o.kind', 'in', ['recognizer', 'both'])
      .executeTakeFirst();
    if (!program)
      throw new AppError('validation_failed', 'That program does not exist or no longer accepts licenses.', {
        program: 'Choose a program from the list.',
      });
    const existing = await tx
      .selectFrom('license_records')
      .select(['id', 'public_id', 'state'])
      .where('program_id', '=', program.id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (existing && existing.state !== 'rejected')
      throw conflict(`Your license is already linked to ${program.name}.`, {
        program:
          existing.state === 'pending'
            ? 'The link waits for the recognizer to confirm it.'
            : 'This license is confirmed.',
      });
    let id: string;
    if (existing) {
      await tx
        .updateTable('license_records')
        .set({
          license_number: v.licenseNumber,
          cycle_start: v.cycleStart,
          state: 'pending',
          confirmed_by: null,
          decided_at: null,
          note: null,
          updated_at: now,
        })
        .where('id', '=', existing.id)
        .execute();
      id = existing.public_id;
    } else {
      const row = await tx
        .insertInto('license_records')
        .values({
          public_id: publicId('lic'),
          program_id: program.id,
          user_id: actor.userId,
          license_number: v.licenseNumber,
          state: 'pending',
          cycle_start: v.cycleStart,
          created_at: now,
          updated_at: now,
        })
        .returning('public_id')
        .executeTakeFirstOrThrow();
      id = row.public_id;
    }
    await recordAudit(
      tx,
      {
        organisationId: program.organisation_id,
        actorUserId: actor.userId,
        action: 'license.linked',
        subjectType: 'license_record',
        subjectId: id,
        data: { program: program.public_id, licenseNumber: v.licenseNumber, cycleStart: v.cycleStart },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: id };
  });
}

export const decideLicenseInput = z
  .object({
    decision: z.enum(['confirm', 'reject'], { message: 'Choose confirm or reject.' }),
    reason: z.string().trim().max(500, 'Use at most 500 characters.').default(''),
    cycleStart: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || isDay(v), 'Give the cycle start as YYYY-MM-DD.'),
  })
  .refine((v) => v.decision !== 'reject' || v.reason, {
    message: 'Say what does not match, so the earner can correct it.',
    path: ['reason'],
  });

/**
 * A recognition officer confirms a license link (optionally correcting the cycle start) or rejects
 * a mismatch with a reason. Confirming attaches the earner's waiting notices and, for automatic
 * programs, posts their credit.
 */
export async function decideLicense(
  deps: CommandDeps,
  actor: Actor,
  slug: string,
  licensePublicId: string,
  input: unknown,
): Promise<{ posted: number }> {
  const v = parseInput(decideLicenseInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, slug, actor.userId, 'recognition.manage');
    const license = await tx
      .selectFrom('license_records as l')
      .innerJoin('recognition_programs as p', 'p.id', 'l.program_id')
      .select([
        'l.id',
        'l.public_id',
        'l.state',
        'l.user_id',
        'l.program_id',
        'l.license_number',
        'p.posting',
        'p.name as program_name',
      ])
      .where('l.public_id', '=', licensePublicId)
      .where('p.organisation_id', '=', organisation.id)
      .forUpdate('l')
      .executeTakeFirst();
    if (!license) throw notFound('That license record');
    if (license.state !== 'pending') throw conflict(`This license link is already ${license.state}.`);
    if (license.user_id === actor.userId)
      throw forbidden('Officers do not decide their own license link; another officer does.');
    // The earner hears of the decision through a notification (features/notifications), made from the audit event below.
    if (v.decision === 'reject') {
      await tx
        .updateTable('license_records')
        .set({
          state: 'rejected',
          confirmed_by: actor.userId,
          decided_at: now,
          note: v.reason,
          updated_at: now,
        })
        .where('id', '=', license.id)
        .execute();
      await recordAudit(
        tx,
        {
          organisationId: organisation.id,
          actorUserId: actor.userId,
          action: 'license.rejected',
          subjectType: 'license_record',
          subjectId: license.public_id,
          data: { reason: v.reason, licenseNumber: license.license_number },
          ip: actor.ip,
        },
        now,
      );
      return { posted: 0 };
    }
    await tx
      .updateTable('license_records')
      .set({
        state: 'confirmed',
        confirmed_by: actor.userId,
        decided_at: now,
        note: v.reason || null,
        updated_at: now,
        ...(v.cycleStart ? { cycle_start: v.cycleStart } : {}),
      })
      .where('id', '=', license.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'license.confirmed',
        subjectType: 'license_record',
        subjectId: license.public_id,
        data: { licenseNumber: license.license_number, cycleStart: v.cycleStart ?? null },
        ip: actor.ip,
      },
      now,
    );
    // Notices that waited for this license: the earner's confirmed emails match the credential's recipient.
    const waiting = await tx
      .selectFrom('completion_notices as n')
      .innerJoin('credentials as c', 'c.id', 'n.credential_id')
      .select(['n.id'])
      .where('n.program_id', '=', license.program_id)
      .where('n.state', '=', 'new')
      .where((eb) =>
        eb.or([
          eb('n.license_record_id', '=', license.id),
          eb(
            sql<string>`lower(c.recipient_email)`,
            'in',
            eb
              .selectFrom('user_emails')
              .select('email')
              .where('user_id', '=', license.user_id)
              .where('confirmed_at', 'is not', null),
          ),
        ]),
      )
      .orderBy('n.id')
      .execute();
    let posted = 0;
    for (const n of waiting) {
      await tx
        .updateTable('completion_notices')
        .set({ license_record_id: license.id })
        .where('id', '=', n.id)
        .execute();
      if (
        license.posting === 'automatic' &&
        (await postCreditInTx(tx, n.id, { userId: null, ip: null }, now, { quiet: true }))
      )
        posted++;
    }
    return { posted };
  });
}

// ---------------------------------------------------------------------------------------------
// What the issued credential says about the license

/**
 * licenseFactsForIssue for many recipients of one micro-credential version at once (bulk awards):
 * one recognition lookup and one license query for the whole batch, keyed by lower-cased email.
 */
export async function licenseFactsForMany(
  db: Queryable,
  v: {
    microCredentialId: number;
    version: number;
    issuedOn: Date | string;
    creditsAvailable?: number | null;
  },
  emails: string[],
): Promise<Map<string, { creditsEarned?: number; licenseNumber?: string }>> {
  const facts = new Map<string, { creditsEarned?: number; licenseNumber?: string }>();
  if (emails.length === 0) return facts;
  const recognitions = await recognitionsForCredential(
    db,
    { micro_credential_id: v.microCredentialId, micro_credential_version: v.version, pathway_id: null },
    dayOf(v.issuedOn),
  );
  if (recognitions.length === 0) return facts;
  const rows = await db
    .selectFrom('user_emails as e')
    .innerJoin('license_records as l', 'l.user_id', 'e.user_id')
    .innerJoin('recognition_programs as p', 'p.id', 'l.program_id')
    .select(['e.email', 'l.program_id', 'l.license_number', 'p.unit_rule', 'p.fixed_hours'])
    .where('e.confirmed_at', 'is not', null)
    .where('e.email', 'in', [...new Set(emails.map((x) => x.trim().toLowerCase()))])
    .where('l.state', '=', 'confirmed')
    .where(
      'l.program_id',
      'in',
      recognitions.map((r) => r.programId),
    )
    .execute();
  // As one by one: the first recognizing program (in recognition order) with a confirmed license counts.
  for (const r of recognitions) {
    for (const row of rows.filter((x) => x.program_id === r.programId && !facts.has(x.email))) {
      const hours = creditFor(
        { unitRule: row.unit_rule, fixedHours: row.fixed_hours },
        { hoursGranted: r.hoursGranted, creditsAvailable: v.creditsAvailable ?? null },
      );
      facts.set(row.email, {
        licenseNumber: row.license_number,
        ...(hours > 0 ? { creditsEarned: hours } : {}),
      });
    }
  }
  return facts;
}

/**
 * `creditsEarned` and `licenseNumber` for a credential about to be issued: when the recipient's
 * confirmed license is kept by a program recognizing this version on the issue day, the hours by
 * that program's rule (before any cycle cap) and the license number. Empty when not known.
 */
export async function licenseFactsForIssue(
  db: Queryable,
  v: {
    microCredentialId: number;
    version: number;
    recipientEmail: string | null | undefined;
    issuedOn: Date | string;
    creditsAvailable?: number | null;
  },
): Promise<{ creditsEarned?: number; licenseNumber?: string }> {
  if (!v.recipientEmail) return {};
  return (
    (await licenseFactsForMany(db, v, [v.recipientEmail])).get(v.recipientEmail.trim().toLowerCase()) ?? {}
  );
}
