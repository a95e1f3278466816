import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { parseInput } from '../../domain/validation.ts';
import { inTransaction } from '../../storage/database.ts';
import { recordAudit } from '../../storage/audit.ts';
import { setSubscriptionEnabled } from './queries.ts';
import type { WebhookActor, WebhookDeps } from './actor.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

export const changeSubscriptionInput = z.object({
  enabled: z
    .union([z.boolean(), z.enum(['true', 'false'])], {
      message: commandMessage('errors.webhooks.onOrOff'),
    })
    .transform((v) => v === true || v === 'true'),
});

/** Turns a subscription on or off. While off, events are not queued for it and pending deliveries are cancelled. */
export async function changeSubscription(
  deps: Pick<WebhookDeps, 'db' | 'clock'>,
  actor: WebhookActor,
  subscriptionPublicId: string,
  raw: unknown,
): Promise<{ enabled: boolean }> {
  const { enabled } = parseInput(changeSubscriptionInput, raw);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    if (!(await setSubscriptionEnabled(tx, actor.organisationId, subscriptionPublicId, enabled, now)))
      throw notFound('webhook');
    await recordAudit(
      tx,
      {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: enabled ? 'webhook.enabled' : 'webhook.disabled',
        subjectType: 'webhook_subscription',
        subjectId: subscriptionPublicId,
        ip: actor.ip,
      },
      now,
    );
    return { enabled };
  });
}
