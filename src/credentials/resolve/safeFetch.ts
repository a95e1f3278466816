import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';

export type FetchRefusal =
  | 'scheme_not_allowed'
  | 'address_not_allowed'
  | 'timeout'
  | 'too_large'
  | 'bad_status'
  | 'bad_content_type'
  | 'too_many_redirects'
  | 'invalid_json'
  | 'dns_failed';

/** Why a fetch for verification was refused or failed; the code is stable. */
export class FetchRefusedError extends Error {
  constructor(
    readonly code: FetchRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** True only for a public unicast address: never loopback, private, link-local, CGNAT, reserved or multicast. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip) ?? /^::(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (mapped) return isPublicAddress(mapped[1]!);
    const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
    if (hexMapped) {
      const hi = parseInt(hexMapped[1]!, 16);
      const lo = parseInt(hexMapped[2]!, 16);
      return isPublicAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return !blocked.check(ip, 'ipv6');
  }
  return !blocked.check(ip, 'ipv4');
}

export interface SafeFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  cacheTtlMs?: number;
  maxEntries?: number;
  /** DNS lookup (tests inject one). */
  lookup?: (host: string) => Promise<Array<{ address: string; family: number }>>;
  /** Tests only: allow http:// to reach a local test server. */
  allowHttpForTests?: boolean;
  /** Tests only: addresses allowed besides public ones. */
  allowAddress?: (ip: string) => boolean;
}

const JSONISH = /^(application\/(json|did\+json|ld\+json|vc\+ld\+json|[\w.+-]+\+json))(;|$)/i;

/**
 * Fetches JSON for verifying foreign credentials without becoming an SSRF hole: https only, every
 * resolved address checked and then pinned for the connection (no DNS rebinding), redirects
 * re-checked hop by hop, with timeouts, a size limit and a small cache.
 */
export function createSafeFetcher(options: SafeFetchOptions = {}) {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const ttl = options.cacheTtlMs ?? 300_000;
  const maxEntries = options.maxEntries ?? 500;
  const lookup = options.lookup ?? ((host: string) => dnsLookup(host, { all: true, verbatim: true }));
  const allowed = (ip: string) => isPublicAddress(ip) || (options.allowAddress?.(ip) ?? false);
  const cache = new Map<string, { at: number; value: unknown }>();

  async function resolveChecked(host: string): Promise<{ address: string; family: number }> {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare)) {
      if (!allowed(bare)) throw new FetchRefusedError('address_not_allowed', `${bare} is not a public address`);
      return { address: bare, family: isIP(bare) };
    }
    let addresses: Array<{ address: string; family: number }>;
    try {
      addresses = await lookup(bare);
    } catch (err) {
      throw new FetchRefusedError('dns_failed', `Cannot resolve ${bare}: ${(err as Error).message}`);
    }
    if (!addresses.length) throw new FetchRefusedError('dns_failed', `${bare} has no address`);
    const bad = addresses.find((a) => !allowed(a.address));
    if (bad) throw new FetchRefusedError('address_not_allowed', `${bare} resolves to ${bad.address}, which is not a public address`);
    return addresses[0]!;
  }

  function get(url: URL, pinned: { address: string; family: number }): Promise<IncomingMessage> {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'GET',
          headers: { accept: 'application/did+json, application/ld+json, application/json;q=0.9' },
          lookup: (_host, _opts, cb) => cb(null, pinned.address, pinned.family),
          timeout: timeoutMs,
        },
        resolve,
      );
      req.on('timeout', () => req.destroy(new FetchRefusedError('timeout', `No answer from ${url.host} within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  }

  async function fetchOnce(url: URL, hops: number): Promise<unknown> {
    if (url.protocol !== 'https:' && !(options.allowHttpForTests && url.protocol === 'http:')) {
      throw new FetchRefusedError('scheme_not_allowed', `Only https URLs are fetched, not ${url.protocol}`);
    }
    const pinned = await resolveChecked(url.hostname);
    const res = await withTimeout(get(url, pinned), timeoutMs, url);
    if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      res.resume();
      if (hops >= 3) throw new FetchRefusedError('too_many_redirects', `More than 3 redirects from ${url.href}`);
      return fetchOnce(new URL(res.headers.location, url), hops + 1);
    }
    if (res.statusCode !== 200) {
      res.resume();
      throw new FetchRefusedError('bad_status', `${url.href} answered ${res.statusCode}`);
    }
    const type = res.headers['content-type'];
    if (type && !JSONISH.test(type)) {
      res.resume();
      throw new FetchRefusedError('bad_content_type', `${url.href} sent ${type}, not JSON`);
    }
    const body = await withTimeout(readLimited(res, maxBytes, url), timeoutMs, url);
    try {
      return JSON.parse(body);
    } catch {
      throw new FetchRefusedError('invalid_json', `${url.href} did not send valid JSON`);
    }
  }

  return {
    /** GETs and parses JSON at a URL under every rule above; cached for a few minutes. */
    async fetchJson(url: string): Promise<unknown> {
      const hit = cache.get(url);
      if (hit && Date.now() - hit.at < ttl) return hit.value;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new FetchRefusedError('scheme_not_allowed', `Not a URL: ${url}`);
      }
      const value = await fetchOnce(parsed, 0);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(url, { at: Date.now(), value });
      return value;
    },
  };
}

function readLimited(res: IncomingMessage, maxBytes: number, url: URL): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        reject(new FetchRefusedError('too_large', `${url.href} sent more than ${maxBytes} bytes`));
      } else chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, url: URL): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new FetchRefusedError('timeout', `No answer from ${url.host} within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
