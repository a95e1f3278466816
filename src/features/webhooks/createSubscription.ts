import { isIP } from 'node:net';
import { z } from 'zod';
import { parseInput } from '../../domain/validation.ts';
import { invalid } from '../../domain/errors.ts';
import { isPublicAddress } from '../../credentials/resolve/safeFetch.ts';
import { inTransaction, type Queryable } from '../../storage/database.ts';
import { recordAudit } from '../../storage/audit.ts';
import type { KeyVault } from '../../credentials/keyVault.ts';
import { isWebhookEvent, WEBHOOK_EVENT_TYPES } from './events.ts';
import { insertSubscription } from './queries.ts';
import { newWebhookSecret, sealWebhookSecret } from './secrets.ts';
import type { WebhookActor, WebhookDeps } from './actor.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

export const MAX_SUBSCRIPTIONS = 20;

export const webhookUrl = z
  .string({ message: commandMessage('errors.webhooks.giveUrl') })
  .trim()
  .min(1, commandMessage('errors.webhooks.giveUrlExample'))
  .max(2000, commandMessage('errors.webhooks.urlLong'))
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, commandMessage('errors.webhooks.urlForm'));

export const createSubscriptionInput = z.object({
  url: webhookUrl,
  events: z
    .union([z.string(), z.array(z.string())], { message: commandMessage('errors.webhooks.chooseEvent') })
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
    .refine((v) => v.length > 0, commandMessage('errors.webhooks.chooseEvent'))
    .refine(
      (v) => v.every(isWebhookEvent),
      commandMessage('errors.webhooks.eventsFromList', { events: WEBHOOK_EVENT_TYPES.join(', ') }),
    ),
});

/** A literal loopback or private address is refused at once unless private addresses are allowed (names are checked at delivery). */
function assertReachable(url: string, allowPrivate: boolean) {
  if (allowPrivate) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || (isIP(host) && !isPublicAddress(host)))
    throw invalid(
      { url: commandMessage('errors.webhooks.privateAddress') },
      commandMessage('errors.webhooks.cannotCall'),
    );
}

/** Stores a subscription with a new secret; returns the secret once (only its sealed form is kept). Inside a transaction. */
export async function createSubscriptionInTx(
  tx: Queryable,
  vault: KeyVault,
  actor: WebhookActor,
  fields: { url: string; events: string[]; programPublicId?: string | null },
  now: Date,
): Promise<{ publicId: string; secret: string }> {
  const secret = newWebhookSecret();
  const row = await insertSubscription(
    tx,
    {
      organisationId: actor.organisationId,
      url: fields.url,
      events: fields.events,
      programPublicId: fields.programPublicId ?? null,
      secretEnc: sealWebhookSecret(vault, secret),
      createdBy: actor.userId,
    },
    now,
  );
  await recordAudit(
    tx,
    {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'webhook.created',
      subjectType: 'webhook_subscription',
      subjectId: row.public_id,
      data: { url: fields.url, events: fields.events, program: fields.programPublicId ?? null },
      ip: actor.ip,
    },
    now,
  );
  return { publicId: row.public_id, secret };
}

/** Subscribes a receiver URL to some events of the organisation. */
export async function createSubscription(
  deps: WebhookDeps,
  actor: WebhookActor,
  raw: unknown,
): Promise<{ publicId: string; secret: string }> {
  const fields = parseInput(createSubscriptionInput, raw);
  assertReachable(fields.url, deps.config.webhookAllowPrivate);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const count = await tx
      .selectFrom('webhook_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', actor.organisationId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_SUBSCRIPTIONS)
      throw invalid(
        { url: commandMessage('errors.webhooks.tooManyField', { maximum: MAX_SUBSCRIPTIONS }) },
        commandMessage('errors.webhooks.tooMany'),
      );
    return createSubscriptionInTx(tx, deps.vault, actor, fields, now);
  });
}
