import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { AppError } from '../../domain/errors.ts';
import { isPublicAddress } from '../../credentials/resolve/safeFetch.ts';
import { ob3Message } from './messages.ts';

/** What outbound requests to another OB 3.0 host may reach. */
export interface OutboundPolicy {
  /** CAIRN_OB3_ALLOW_PRIVATE: http and loopback/private addresses too (tests, intranets). */
  allowPrivate: boolean;
  timeoutMs?: number;
  maxBytes?: number;
}

const refuse = (message: string) => new AppError('validation_failed', message, { url: message });

/** Checks a URL another host gave (or the user typed) against the policy; returns it parsed. */
export function checkOutboundUrl(raw: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(ob3Message('notAddress', { address: raw.slice(0, 200) }));
  }
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:'))
    throw refuse(ob3Message('httpsOnly', { origin: url.origin }));
  if (url.username || url.password) throw refuse(ob3Message('userInAddress'));
  return url;
}

/** Resolves the host once; every address must be public unless the policy allows private ones. */
async function resolvePinned(
  host: string,
  policy: OutboundPolicy,
): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addresses = await lookup(bare, { all: true, verbatim: true });
    } catch {
      throw refuse(ob3Message('hostUnknown', { host: bare }));
    }
  }
  const first = addresses[0];
  if (!first) throw refuse(ob3Message('hostNoAddress', { host: bare }));
  if (!policy.allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad) throw refuse(ob3Message('hostPrivate', { host: bare }));
  }
  return first;
}

type FetchBody = string | URLSearchParams | Uint8Array | ArrayBuffer | null | undefined;

/**
 * A fetch for talking to another OB 3.0 host: only the addresses the policy allows, the host
 * resolved once and the connection pinned to that address (no DNS rebinding), no redirects
 * followed, one deadline for the whole exchange and a size limit on the answer.
 */
export function outboundFetch(policy: OutboundPolicy) {
  const timeoutMs = policy.timeoutMs ?? 10_000;
  const maxBytes = policy.maxBytes ?? 2 * 1024 * 1024;
  return async (
    input: string | URL,
    init: {
      method?: string;
      headers?: Record<string, string> | Headers;
      body?: FetchBody;
      signal?: AbortSignal | null;
    } = {},
  ): Promise<Response> => {
    const url = checkOutboundUrl(String(input), policy);
    const pinned = await resolvePinned(url.hostname, policy);
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? {}).forEach((value, key) => (headers[key] = value));
    const body =
      init.body instanceof URLSearchParams
        ? init.body.toString()
        : init.body instanceof ArrayBuffer
          ? Buffer.from(init.body)
          : (init.body ?? undefined);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    headers['user-agent'] ??= 'Cairn-OB3/1';
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const req = send(url, {
        method: init.method ?? 'GET',
        headers,
        lookup: (_host, opts, callback) => {
          if ((opts as { all?: boolean }).all)
            (callback as (err: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
              pinned,
            ]);
          else
            (callback as (err: null, address: string, family: number) => void)(
              null,
              pinned.address,
              pinned.family,
            );
        },
      });
      const deadline = setTimeout(
        () => req.destroy(new Error(`${url.host} did not answer in time`)),
        timeoutMs,
      );
      init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) req.destroy(new Error(`${url.host} answered with too much data`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(deadline);
          const out = new Headers();
          for (const [key, value] of Object.entries(res.headers))
            for (const one of [value ?? []].flat()) out.append(key, one);
          const status = res.statusCode ?? 502;
          resolve(
            new Response([101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks), {
              status,
              headers: out,
            }),
          );
        });
        res.on('error', reject);
      });
      req.on('error', (err) => {
        clearTimeout(deadline);
        reject(err);
      });
      req.end(body);
    });
  };
}
