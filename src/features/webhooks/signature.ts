import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'Cairn-Signature';
export const EVENT_ID_HEADER = 'Cairn-Event-Id';
export const EVENT_TYPE_HEADER = 'Cairn-Event-Type';
export const DELIVERY_ID_HEADER = 'Cairn-Delivery-Id';

/** How old (or how far ahead) a signature's timestamp may be: older deliveries are refused as replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The `Cairn-Signature` value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type WebhookVerification =
  | { ok: true; timestamp: number }
  | {
      ok: false;
      reason: 'missing_signature' | 'malformed_signature' | 'timestamp_out_of_range' | 'signature_mismatch';
    };

/**
 * What a receiver runs on each delivery: checks the HMAC over `timestamp + "." + body` in constant
 * time against every `v1` in the header, and refuses a timestamp more than `toleranceSeconds`
 * from `now` (a captured delivery replayed later fails). Use the raw body exactly as received.
 */
export function verifyWebhook(input: {
  secret: string;
  body: string;
  header: string | null | undefined;
  now?: Date;
  toleranceSeconds?: number;
}): WebhookVerification {
  if (!input.header) return { ok: false, reason: 'missing_signature' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of input.header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed_signature' };
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS))
    return { ok: false, reason: 'timestamp_out_of_range' };
  const expected = Buffer.from(hmac(input.secret, timestamp, input.body), 'hex');
  const match = signatures.some((s) => timingSafeEqual(expected, Buffer.from(s, 'hex')));
  return match ? { ok: true, timestamp } : { ok: false, reason: 'signature_mismatch' };
}
