import { defineJob, PermanentJobError } from '../../jobs/definition.ts';
import { postWebhook, WebhookRefusedError, type WebhookAnswer } from '../../jobs/webhookClient.ts';
import { buildEnvelope } from './envelope.ts';
import { cancelDelivery, deliveryForJob, recordAttempt, saveDeliveryBody } from './queries.ts';
import { openWebhookSecret } from './secrets.ts';
import { deliverWebhook, DELIVERY_MAX_ATTEMPTS } from './jobTypes.ts';
import {
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
} from './signature.ts';

/**
 * Sends one delivery: the envelope (built at the first attempt, then the same text every time),
 * signed at send time (`Cairn-Signature: t=…,v1=…`), through the pinned client that refuses
 * private addresses unless CAIRN_WEBHOOK_ALLOW_PRIVATE. A non-2xx answer or a network error
 * retries with the queue's exponential backoff; the log keeps status, attempts and the start
 * of the answer.
 */
export const deliverWebhookJob = defineJob({
  ...deliverWebhook,
  maxAttempts: DELIVERY_MAX_ATTEMPTS,
  async handle({ deliveryId }, { db, clock, config, credentials, job }) {
    const delivery = await deliveryForJob(db, deliveryId);
    if (!delivery || delivery.state !== 'pending') return;
    if (!delivery.enabled) {
      await cancelDelivery(db, delivery.id, 'The subscription was turned off before this was sent.');
      return;
    }
    if (!credentials) throw new PermanentJobError('This worker cannot open webhook secrets (no key vault)');
    let body = delivery.body;
    if (body === null) {
      body = JSON.stringify(await buildEnvelope(db, config, delivery));
      await saveDeliveryBody(db, delivery.id, body);
    }
    const secret = openWebhookSecret(credentials.vault, delivery.secret_enc);
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    const headers = {
      [SIGNATURE_HEADER]: signWebhook(secret, body, timestamp),
      [EVENT_ID_HEADER]: delivery.event_id,
      [EVENT_TYPE_HEADER]: delivery.event_type,
      [DELIVERY_ID_HEADER]: delivery.public_id,
    };
    const attempts = job.attempts;
    const finalAttempt = job.attempts >= job.max_attempts;
    let answer: WebhookAnswer | null = null;
    let failure: string | null = null;
    try {
      answer = await postWebhook(delivery.url, body, headers, { allowPrivate: config.webhookAllowPrivate });
      if (answer.status < 200 || answer.status >= 300)
        failure = `The receiver answered HTTP ${answer.status}`;
    } catch (err) {
      failure = (err as Error).message;
      if (err instanceof WebhookRefusedError) {
        await recordAttempt(
          db,
          delivery.id,
          { state: 'failed', attempts, statusCode: null, snippet: null, error: failure },
          clock.now(),
        );
        throw new PermanentJobError(failure);
      }
    }
    const result = {
      attempts,
      statusCode: answer?.status ?? null,
      snippet: answer?.snippet ?? null,
      error: failure,
    };
    if (failure === null) {
      await recordAttempt(db, delivery.id, { state: 'delivered', ...result }, clock.now());
      return;
    }
    await recordAttempt(
      db,
      delivery.id,
      { state: finalAttempt ? 'failed' : 'pending', ...result },
      clock.now(),
    );
    throw new Error(failure);
  },
});

export const webhookJobs = [deliverWebhookJob];
