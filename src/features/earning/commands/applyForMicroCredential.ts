import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { z } from 'zod';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandCall } from './commandCall.ts';
import { addMonths } from '../../../domain/clock.ts';
import {
  earnersApplication,
  insertOpenApplication,
  openApplicationOf,
  publishedVersionToApply,
} from '../queries/applications.ts';
import { createApplicationPayment } from '../../payments/index.ts';
import { chosenSession } from '../../recognition/index.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

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
    const v = await publishedVersionToApply(tx, mcPublicId);
    if (!v || v.retired_at) throw notFound('microCredential');
    const proof = v.earning_mode === 'proof_of_completion';
    const session = proof ? await chosenSession(tx, v.mc_id, input) : null;
    if (v.earning_mode !== 'reviewed_evidence' && !proof)
      throw new AppError('conflict', commandMessage('errors.earning.apply.notByEvidence'));
    const openApplication = () => openApplicationOf(tx, actor.userId, v.mc_id);
    const alreadyOpen = (open: { public_id: string } | undefined) =>
      conflict(
        commandMessage('errors.earning.apply.alreadyOpen'),
        open ? { application: open.public_id } : {},
      );
    const open = await openApplication();
    if (open) throw alreadyOpen(open);
    const deadline = addMonths(now, v.application_window_months);
    // When another apply got in first, answer with the application it created (read again: each
    // statement sees what has committed).
    const row = await insertOpenApplication(tx, {
      public_id: publicId('app'),
      organisation_id: v.organisation_id,
      micro_credential_id: v.mc_id,
      version_id: v.id,
      earner_user_id: actor.userId,
      status: 'in_progress',
      deadline_at: deadline,
      created_at: now,
      updated_at: now,
      proof_program: session?.label ?? null,
      proof_session_id: session?.sessionId ?? null,
    });
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
      throw conflict(commandMessage('errors.earning.apply.alreadyClosed'));
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
