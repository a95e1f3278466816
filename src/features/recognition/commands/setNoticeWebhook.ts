import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { KeyVault } from '../../../credentials/keyVault.ts';
import { createSubscriptionInTx } from '../../webhooks/index.ts';
import { deleteSubscriptions, programSubscriptions } from '../../webhooks/index.ts';
import { requireRecognizer } from './requireRecognizer.ts';
import { programOf } from '../queries/programs.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const webhookInput = z.object({
  url: z
    .string()
    .trim()
    .max(2000, commandMessage('errors.recognition.program.shorterUrl'))
    .refine(
      (v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v),
      commandMessage('errors.recognition.program.webhookUrl'),
    ),
});

/**
 * A program's completion-notice webhook is an organisation webhook (features/webhooks) for
 * `completion_notice.sent`, limited to the program. Setting a URL replaces the program's
 * subscription with one that has a new signing secret, returned once; an empty URL removes it.
 */
export async function setNoticeWebhook(
  deps: CommandDeps & { vault: KeyVault },
  {
    actor,
    orgSlug,
    program: programPublicId,
    ...input
  }: { actor: Actor; orgSlug: string; program: string } & Record<string, unknown>,
): Promise<{ secret: string | null }> {
  const { url } = parseInput(webhookInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, orgSlug, actor.userId, 'recognition.manage');
    const program = await programOf(tx, organisation.id, programPublicId);
    if (!program) throw notFound('program');
    const existing = await programSubscriptions(tx, organisation.id, programPublicId);
    await deleteSubscriptions(
      tx,
      organisation.id,
      existing.map((s) => s.id),
    );
    const webhookActor = { organisationId: organisation.id, userId: actor.userId, ip: actor.ip };
    const secret = url
      ? (
          await createSubscriptionInTx(
            tx,
            deps.vault,
            webhookActor,
            { url, events: ['completion_notice.sent'], programPublicId },
            now,
          )
        ).secret
      : null;
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: url ? 'recognition.webhook_set' : 'recognition.webhook_cleared',
        subjectType: 'recognition_program',
        subjectId: programPublicId,
        data: { url: url || null },
        ip: actor.ip,
      },
      now,
    );
    return { secret };
  });
}
