import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress } from '../credentials/resolve/safeFetch.ts';

export class WebhookRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRefusedError';
  }
}

export interface WebhookOptions {
  /** Allow loopback and private addresses (CAIRN_WEBHOOK_ALLOW_PRIVATE; tests and intranets). */
  allowPrivate: boolean;
  timeoutMs?: number;
}

/** What the receiver answered: its status and the start of its body (at most SNIPPET_BYTES). */
export interface WebhookAnswer {
  status: number;
  snippet: string;
}

/** How much of a receiver's answer is kept for the delivery log. */
export const SNIPPET_BYTES = 1024;

/**
 * POSTs a JSON body to a webhook receiver (features/webhooks signs and logs it). Only http(s)
 * URLs; the host is resolved once and the connection pinned to that address, which must be
 * public unless `allowPrivate`. Redirects are not followed. Resolves with the HTTP status and
 * the start of the answer; throws on network errors and refusals.
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: WebhookOptions,
): Promise<WebhookAnswer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new WebhookRefusedError(`Not a URL: ${url}`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new WebhookRefusedError('Webhooks use http or https URLs only');
  if (target.username || target.password)
    throw new WebhookRefusedError('Webhook URLs may not carry credentials');
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const address = isIP(host) ? host : (await lookup(host, { all: false })).address;
  if (!options.allowPrivate && !isPublicAddress(address))
    throw new WebhookRefusedError(`The webhook host ${host} resolves to a non-public address (${address})`);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'User-Agent': 'Cairn-Webhook/1',
          ...headers,
        },
        lookup: (_hostname, opts, callback) => {
          const family = isIP(address);
          if ((opts as { all?: boolean }).all)
            (callback as (err: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
              { address, family },
            ]);
          else (callback as (err: null, address: string, family: number) => void)(null, address, family);
        },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        // The status matters, and the start of the body is kept for the log; the rest is read
        // and dropped, and a receiver that keeps talking past 64 KiB is cut off.
        let received = 0;
        const kept: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (received < SNIPPET_BYTES) kept.push(chunk.subarray(0, SNIPPET_BYTES - received));
          received += chunk.length;
          if (received > 64 * 1024) req.destroy(new Error('The webhook answered with too large a body'));
        });
        res.on('end', () => {
          clearTimeout(deadline);
          resolve({ status: res.statusCode ?? 0, snippet: Buffer.concat(kept).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    // One deadline for the whole exchange: `timeout` alone only catches a silent socket, not a
    // receiver that trickles a byte now and then.
    const deadline = setTimeout(
      () => req.destroy(new Error('The webhook did not answer in time')),
      options.timeoutMs ?? 10_000,
    );
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new Error('The webhook did not answer in time')));
    req.on('error', reject);
    req.end(body);
  });
}
