import { notFound } from '../../domain/errors.ts';
import { inTransaction } from '../../storage/database.ts';
import { recordAudit } from '../../storage/audit.ts';
import { deleteSubscriptions, findSubscription } from './queries.ts';
import type { WebhookActor, WebhookDeps } from './actor.ts';

/** Deletes a subscription and its delivery log; nothing more is sent to it. */
export async function deleteSubscription(
  deps: Pick<WebhookDeps, 'db' | 'clock'>,
  actor: WebhookActor,
  subscriptionPublicId: string,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const subscription = await findSubscription(tx, actor.organisationId, subscriptionPublicId);
    if (!subscription) throw notFound('webhook');
    await deleteSubscriptions(tx, actor.organisationId, [subscription.id]);
    await recordAudit(
      tx,
      {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'webhook.deleted',
        subjectType: 'webhook_subscription',
        subjectId: subscriptionPublicId,
        data: { url: subscription.url },
        ip: actor.ip,
      },
      now,
    );
  });
}
