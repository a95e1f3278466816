import { conflict, notFound } from '../../domain/errors.ts';
import { inTransaction } from '../../storage/database.ts';
import { recordAudit } from '../../storage/audit.ts';
import { deliveryJobKey, findDelivery, insertReplay } from './queries.ts';
import { deliverWebhook, DELIVERY_MAX_ATTEMPTS } from './jobTypes.ts';
import type { WebhookActor, WebhookDeps } from './actor.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

/**
 * Sends an event again: a new delivery of the same event (same event id and body, so a receiver
 * that already has it can tell), signed afresh with a new timestamp when it goes out.
 */
export async function replayDelivery(
  deps: Pick<WebhookDeps, 'db' | 'clock'>,
  actor: WebhookActor,
  deliveryPublicId: string,
  subscriptionId?: number,
): Promise<{ publicId: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const original = await findDelivery(tx, actor.organisationId, deliveryPublicId);
    if (!original || (subscriptionId !== undefined && original.subscription_id !== subscriptionId))
      throw notFound('delivery');
    if (!original.enabled) throw conflict(commandMessage('errors.webhooks.turnedOff'));
    const replay = await insertReplay(tx, original, actor.organisationId, now);
    await deliverWebhook.enqueue(tx, { deliveryId: replay.id }, now, {
      idempotencyKey: deliveryJobKey(replay.public_id),
      maxAttempts: DELIVERY_MAX_ATTEMPTS,
      organisationId: actor.organisationId,
    });
    await recordAudit(
      tx,
      {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'webhook.replayed',
        subjectType: 'webhook_subscription',
        subjectId: original.subscription_public_id,
        data: { event: original.event_id, delivery: replay.public_id, of: original.public_id },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: replay.public_id };
  });
}
