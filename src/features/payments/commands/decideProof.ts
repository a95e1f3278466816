import { z } from 'zod';
import { conflict, forbidden } from '../../../domain/errors.ts';
import { formatMoney } from '../../../domain/money.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { proofApprovedMail, proofRejectedMail, type RejectedFee } from '../mail.tsx';
import { earningPaths, issuePassedApplication } from '../../earning/index.ts';
import { requireActor } from '../../accounts/index.ts';
import { appLink, type CommandDeps, type OrganisationActor } from '../../../domain/commands.ts';
import { currentPayment, openAttempt, staffApplication } from '../queries.ts';
import { mailEarner, onStaffApplication, type CommandCall } from './shared.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** Staff decide a submitted certificate of completion: approve (and issue) or reject. */

/** The application staff decide: theirs to decide (access first, before any body), never the earner's own. */
async function applicationToDecide(
  tx: Tx,
  orgSlug: string,
  actor: OrganisationActor,
  applicationPublicId: string,
) {
  const { organisation } = await requireActor(tx, orgSlug, actor, 'credentials.issue');
  const app = await staffApplication(tx, organisation.id, applicationPublicId);
  if (app.earner_user_id === actor.userId) throw forbidden(commandMessage('errors.payments.ownApplication'));
  return { organisation, app };
}

export const approveInput = z.object({ note: z.string().trim().max(5000).optional() });

/**
 * Approves a submitted certificate: only once the fee is paid (a clear refusal otherwise), never
 * by the earner; the credential is issued by the `applications.issue` job, exactly once.
 */
export async function approveProofApplication(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; application: string }, OrganisationActor>,
): Promise<void> {
  const { orgSlug, application: applicationPublicId } = parseInput(onStaffApplication, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { app } = await applicationToDecide(tx, orgSlug, actor, applicationPublicId);
    const { note } = parseInput(approveInput, input);
    if (!['submitted', 'in_review'].includes(app.status))
      throw conflict(
        app.status === 'passed'
          ? commandMessage('errors.payments.alreadyApproved')
          : commandMessage('errors.payments.notWaitingDetail'),
      );
    const attempt = await openAttempt(tx, app.id);
    if (!attempt) throw conflict(commandMessage('errors.payments.noCertificateToApprove'));
    const payment = await currentPayment(tx, app.id);
    if (payment && payment.state !== 'paid') {
      throw conflict(
        commandMessage(`errors.payments.feeUnpaid.${payment.state}`, {
          invoice: payment.invoice_number,
          amount: formatMoney(payment.amount_minor, payment.currency),
        }),
      );
    }
    const decided = await tx
      .updateTable('attempts')
      .set({
        decision: 'passed',
        reviewer_user_id: actor.userId,
        reviewed_at: now,
        // Staff's note as written; without one, none is stored (the page words the approval).
        overall_feedback: note || null,
      })
      .where('id', '=', attempt.id)
      .where('decision', 'is', null)
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1)
      throw conflict(commandMessage('errors.payments.decidedMeanwhile'));
    await tx
      .updateTable('applications')
      .set({ status: 'passed', passed_at: now, updated_at: now })
      .where('id', '=', app.id)
      .execute();
    await issuePassedApplication.enqueue(tx, { applicationId: app.id }, now, {
      idempotencyKey: `issue:${app.public_id}`,
      organisationId: app.organisation_id,
    });
    await mailEarner(
      tx,
      app.earner_user_id,
      app.organisation_id,
      (name, locale) =>
        proofApprovedMail({
          name,
          title: app.title,
          link: appLink(deps.config, earningPaths.application(app.public_id)),
          ...(locale ? { locale } : {}),
        }),
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: app.organisation_id,
        actorUserId: actor.userId,
        action: 'application.approved',
        subjectType: 'application',
        subjectId: app.public_id,
        data: { attempt: attempt.number, payment: payment?.public_id ?? null },
        ip: actor.ip,
      },
      now,
    );
  });
}

export const rejectInput = z.object({
  reasons: z
    .string({ message: commandMessage('errors.payments.reasons') })
    .trim()
    .min(1, commandMessage('errors.payments.reasons'))
    .max(5000),
});

/** What the rejection email says about the fee: none, paid (the organisation handles a refund), or cancelled. */
function rejectedFee(
  payment: { state: string; amount_minor: number; currency: string; invoice_number: string } | undefined,
  organisation: string,
): RejectedFee {
  if (!payment) return { kind: 'none' };
  if (payment.state !== 'paid') return { kind: 'cancelled', invoiceNumber: payment.invoice_number };
  return {
    kind: 'paid',
    amountMinor: payment.amount_minor,
    currency: payment.currency,
    invoiceNumber: payment.invoice_number,
    organisation,
  };
}

/** Rejects a submitted certificate with reasons (emailed to the earner); the fee is left for staff to refund. */
export async function rejectProofApplication(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; application: string }, OrganisationActor>,
): Promise<void> {
  const { orgSlug, application: applicationPublicId } = parseInput(onStaffApplication, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    // Access first (organisation, permission, the application itself), then the reasons.
    const { organisation, app } = await applicationToDecide(tx, orgSlug, actor, applicationPublicId);
    const { reasons } = parseInput(rejectInput, input);
    if (!['submitted', 'in_review'].includes(app.status))
      throw conflict(commandMessage('errors.payments.notWaiting'));
    const attempt = await openAttempt(tx, app.id);
    if (!attempt) throw conflict(commandMessage('errors.payments.noCertificateToReject'));
    const payment = await currentPayment(tx, app.id);
    const decided = await tx
      .updateTable('attempts')
      .set({
        decision: 'rejected',
        reviewer_user_id: actor.userId,
        reviewed_at: now,
        overall_feedback: reasons,
      })
      .where('id', '=', attempt.id)
      .where('decision', 'is', null)
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1)
      throw conflict(commandMessage('errors.payments.decidedMeanwhile'));
    await tx
      .updateTable('applications')
      .set({ status: 'rejected', updated_at: now })
      .where('id', '=', app.id)
      .execute();
    if (payment?.state === 'pending')
      await tx
        .updateTable('payments')
        .set({ state: 'cancelled', updated_at: now })
        .where('id', '=', payment.id)
        .execute();
    const fee = rejectedFee(payment, organisation.name);
    await mailEarner(
      tx,
      app.earner_user_id,
      app.organisation_id,
      (name, locale) =>
        proofRejectedMail({
          name,
          title: app.title,
          reasons,
          fee,
          link: appLink(deps.config, earningPaths.application(app.public_id)),
          ...(locale ? { locale } : {}),
        }),
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: app.organisation_id,
        actorUserId: actor.userId,
        action: 'application.rejected',
        subjectType: 'application',
        subjectId: app.public_id,
        data: {
          attempt: attempt.number,
          payment: payment?.public_id ?? null,
          paymentState: payment?.state ?? null,
        },
        ip: actor.ip,
      },
      now,
    );
  });
}
