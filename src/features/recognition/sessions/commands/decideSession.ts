import { z } from 'zod';
import { conflict, forbidden, notFound } from '../../../../domain/errors.ts';
import { assertCan } from '../../../../domain/roles.ts';
import { parseInput } from '../../../../domain/validation.ts';
import { inTransaction, type Tx } from '../../../../storage/database.ts';
import type { Actor, CommandDeps } from '../../../../domain/commands.ts';
import { lockSession, sessionById, type SessionView } from '../queries/sessions.ts';
import { auditSession, loadSession, type SessionAccess } from './sessionAccess.ts';
import { commandMessage } from '../../../../web/i18n/commandMessages.ts';

/** Which session a step acts on, and who acts. */
export interface SessionStepTarget {
  actor: Actor;
  orgSlug: string;
  session: string;
}

/** Runs a step on a session inside a transaction, with its row locked and read again. */
export async function sessionStep<T>(
  deps: CommandDeps,
  target: SessionStepTarget,
  run: (tx: Tx, s: SessionView, who: SessionAccess) => Promise<T>,
): Promise<T> {
  return inTransaction(deps.db, async (tx) => {
    const who = await loadSession(tx, target.orgSlug, target.actor.userId, target.session);
    await lockSession(tx, who.session.id);
    return run(tx, await sessionById(tx, who.session.id), who);
  });
}

export const approveSessionInput = z.object({
  note: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(2000)),
});
export const declineSessionInput = z.object({
  reason: z
    .string({ message: commandMessage('errors.recognition.sessions.declineReason') })
    .trim()
    .min(1, commandMessage('errors.recognition.sessions.declineReason'))
    .max(2000, commandMessage('errors.recognition.keepUnder', { max: '2000' })),
});

/**
 * The council's staff (recognition officers or administrators) approve or decline a session
 * awaiting a decision; declining needs a reason. Approved sessions are what attendees choose when
 * they apply. The provider is told (notifications).
 */
export async function decideSession(
  deps: CommandDeps,
  {
    actor,
    orgSlug,
    session,
    decision,
    ...input
  }: SessionStepTarget & { decision: 'approve' | 'decline' } & Record<string, unknown>,
): Promise<void> {
  const now = deps.clock.now();
  await sessionStep(deps, { actor, orgSlug, session }, async (tx, s, who) => {
    if (s.council_organisation_id !== who.organisation.id) throw notFound('session');
    assertCan(who.roles, 'recognition.manage');
    const note =
      decision === 'approve'
        ? parseInput(approveSessionInput, input).note
        : parseInput(declineSessionInput, input).reason;
    if (s.status !== 'submitted')
      throw conflict(commandMessage(`errors.recognition.sessions.notDecidable.${s.status}`));
    const status = decision === 'approve' ? 'approved' : 'declined';
    await tx
      .updateTable('ce_sessions')
      .set({
        status,
        decision_note: note || null,
        decided_by: actor.userId,
        decided_at: now,
        updated_at: now,
      })
      .where('id', '=', s.id)
      .execute();
    await auditSession(tx, s, actor, status, { note: note.slice(0, 500) }, now);
  });
}

/** The provider withdraws a session still awaiting a decision. */
export async function withdrawSession(deps: CommandDeps, target: SessionStepTarget): Promise<void> {
  const now = deps.clock.now();
  await sessionStep(deps, target, async (tx, s, who) => {
    if (!who.provider) throw forbidden();
    if (s.status !== 'submitted')
      throw conflict(commandMessage(`errors.recognition.sessions.notWithdrawable.${s.status}`));
    await tx
      .updateTable('ce_sessions')
      .set({ status: 'withdrawn', updated_at: now })
      .where('id', '=', s.id)
      .execute();
    await auditSession(tx, s, target.actor, 'withdrawn', {}, now);
  });
}
