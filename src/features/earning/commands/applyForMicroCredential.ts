import { sql } from 'kysely';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { ApplicationStatus } from '../../../storage/schema.ts';
import { z } from 'zod';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandCall } from './commandCall.ts';
import { addMonths } from '../../../domain/clock.ts';
import { earnersApplication } from '../queries/applications.ts';
import { chosenProgram, createApplicationPayment } from '../../payments/index.ts';

/** Statuses of a closed application; the unique index applications_one_open (migration 0012) covers the others. */
const CLOSED: ApplicationStatus[] = ['passed', 'expired', 'withdrawn', 'rejected'];

/**
 * Applies to the published version of a micro-credential: the application keeps that version
 * and has until the end of the version's application window to submit evidence.
 */
export const applyInput = z.object({ microCredential: z.string() });

export async function applyForMicroCredential(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ microCredential: string }>,
): Promise<{ publicId: string; deadline: Date; payment?: { publicId: string; invoiceNumber: string } }> {
  const { microCredential: mcPublicId } = parseInput(applyInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const v = await tx
      .selectFrom('micro_credential_versions as v')
      .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
      .select([
        'v.id',
        'v.version',
        'v.title',
        'v.application_window_months',
        'v.earning_mode',
        'v.application_fee_cents',
        'v.application_fee_currency',
        'v.approved_programs',
        'm.id as mc_id',
        'm.organisation_id',
        'm.retired_at',
      ])
      .where('m.public_id', '=', mcPublicId)
      .where('v.status', '=', 'published')
      .executeTakeFirst();
    if (!v || v.retired_at) throw notFound('That micro-credential');
    const proof = v.earning_mode === 'proof_of_completion';
    const program = proof ? chosenProgram(v.approved_programs, input) : null;
    if (v.earning_mode !== 'reviewed_evidence' && !proof)
      throw new AppError(
        'conflict',
        'This micro-credential is not earned by submitting evidence; its issuer awards it directly.',
      );
    const openApplication = () =>
      tx
        .selectFrom('applications')
        .select('public_id')
        .where('earner_user_id', '=', actor.userId)
        .where('micro_credential_id', '=', v.mc_id)
        .where('status', 'not in', CLOSED)
        .executeTakeFirst();
    const alreadyOpen = (open: { public_id: string } | undefined) =>
      conflict(
        'You already have an open application for this micro-credential.',
        open ? { application: open.public_id } : {},
      );
    const open = await openApplication();
    if (open) throw alreadyOpen(open);
    const deadline = addMonths(now, v.application_window_months);
    // Two applies at once both pass the check above; the unique index applications_one_open lets
    // one insert through and makes the other wait for it, then do nothing: that one answers with
    // the application the first created (read again: each statement sees what has committed).
    const row = await tx
      .insertInto('applications')
      .values({
        public_id: publicId('app'),
        organisation_id: v.organisation_id,
        micro_credential_id: v.mc_id,
        version_id: v.id,
        earner_user_id: actor.userId,
        status: 'in_progress',
        deadline_at: deadline,
        created_at: now,
        updated_at: now,
        proof_program: program,
      })
      // The index's predicate as literals, so PostgreSQL can match it to the index in any plan.
      .onConflict((oc) =>
        oc
          .columns(['earner_user_id', 'micro_credential_id'])
          .where(sql.raw<boolean>(`status not in (${CLOSED.map((x) => `'${x}'`).join(', ')})`))
          .doNothing(),
      )
      .returning(['id', 'public_id'])
      .executeTakeFirst();
    if (!row) throw alreadyOpen(await openApplication());
    await recordAudit(
      tx,
      {
        organisationId: v.organisation_id,
        actorUserId: actor.userId,
        action: 'application.created',
        subjectType: 'application',
        subjectId: row.public_id,
        data: { version: v.version },
        ip: actor.ip,
      },
      now,
    );
    if (proof) {
      const payment = await createApplicationPayment(tx, deps, {
        actor,
        application: {
          id: row.id,
          publicId: row.public_id,
          organisationId: v.organisation_id,
          earnerUserId: actor.userId,
          title: v.title,
          amountMinor: v.application_fee_cents ?? 0,
          currency: v.application_fee_currency,
        },
        now,
      });
      if (payment) return { publicId: row.public_id, deadline, payment };
    }
    return { publicId: row.public_id, deadline };
  });
}

/** Withdraws an open application (evidence is kept; the earner may apply again later). */
export const withdrawInput = z.object({ application: z.string() });

export async function withdrawApplication(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ application: string }>,
): Promise<void> {
  const { application: applicationPublicId } = parseInput(withdrawInput, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const app = await earnersApplication(tx, actor.userId, applicationPublicId);
    if (!['in_progress', 'needs_revision', 'submitted', 'in_review'].includes(app.status))
      throw conflict('This application is already closed.');
    await tx
      .updateTable('applications')
      .set({ status: 'withdrawn', updated_at: now })
      .where('id', '=', app.id)
      .execute();
    await tx
      .updateTable('payments')
      .set({ state: 'cancelled', updated_at: now })
      .where('application_id', '=', app.id)
      .where('state', '=', 'pending')
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: app.organisation_id,
        actorUserId: actor.userId,
        action: 'application.withdrawn',
        subjectType: 'application',
        subjectId: app.public_id,
        ip: actor.ip,
      },
      now,
    );
  });
}
