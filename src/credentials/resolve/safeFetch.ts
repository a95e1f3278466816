import { isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpsRequest } from 'node:https';
import tls from 'node:tls';
import { request as httpRequest, type IncomingMessage } from 'node:http';

/** The stable reason codes of a refused or failed safe fetch. */
export type FetchRefusal =
  | 'scheme_not_allowed'
  | 'address_not_allowed'
  | 'timeout'
  | 'too_large'
  | 'bad_status'
  | 'bad_content_type'
  | 'too_many_redirects'
  | 'invalid_json'
  | 'dns_failed'
  | 'connect_failed';

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

// ---------------------------------------------------------------------------------------------
// Address policy

type Range = readonly [prefix: readonly number[], bits: number];

/** IPv4 ranges that are never fetched from (RFC 6890 special-purpose and friends). */
const BLOCKED_V4: readonly Range[] = [
  [[0, 0, 0, 0], 8], // "this network", incl. 0.0.0.0
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // CGNAT
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local (cloud metadata lives here)
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2, 0], 24], // TEST-NET-1
  [[192, 88, 99, 0], 24], // 6to4 relay anycast
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24], // TEST-NET-2
  [[203, 0, 113, 0], 24], // TEST-NET-3
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, incl. 255.255.255.255
];

/** IPv6 ranges inside global unicast 2000::/3 that are still never fetched from. */
const BLOCKED_V6_GLOBAL: readonly Range[] = [
  [[0x20, 0x01, 0x00, 0x00], 32], // Teredo (tunnels to an obfuscated IPv4 address)
  [[0x20, 0x01, 0x00, 0x02, 0x00, 0x00], 48], // benchmarking
  [[0x20, 0x01, 0x00, 0x10], 28], // ORCHID
  [[0x20, 0x01, 0x00, 0x20], 28], // ORCHIDv2
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x3f, 0xff, 0x00, 0x00], 20], // documentation (RFC 9637)
];

function inRange(bytes: readonly number[], [prefix, bits]: Range): boolean {
  for (let i = 0; i < bits; i += 8) {
    const mask = bits - i >= 8 ? 0xff : (0xff << (8 - (bits - i))) & 0xff;
    if (((bytes[i / 8] ?? 0) & mask) !== ((prefix[i / 8] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** The 16 bytes of a valid IPv6 address (already checked with isIP), zone id removed. */
function v6Bytes(ip: string): number[] {
  let text = ip.split('%')[0]!;
  const dotted = /:(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groups = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const compressed = text.indexOf('::');
  const left = groups(compressed === -1 ? text : text.slice(0, compressed));
  const right = compressed === -1 ? [] : groups(text.slice(compressed + 2));
  const words = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function isPublicV4(bytes: readonly number[]): boolean {
  return !BLOCKED_V4.some((r) => inRange(bytes, r));
}

function isPublicV6(ip: string): boolean {
  if (ip.includes('%')) return false; // a zone id only makes sense for link-local addresses
  const b = v6Bytes(ip);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (IPv4-translated): judge the IPv4 address.
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return isPublicV4(b.slice(12));
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12)) return isPublicV4(b.slice(12));
  // 64:ff9b::/96 (NAT64, as DNS64 hands out on IPv6-only networks): judge the IPv4 address.
  if (inRange(b, [[0x00, 0x64, 0xff, 0x9b], 32]) && zeros(4, 12)) return isPublicV4(b.slice(12));
  // 2002::/16 (6to4) embeds an IPv4 address in bytes 2–5.
  if (inRange(b, [[0x20, 0x02], 16])) return isPublicV4(b.slice(2, 6));
  // Everything outside global unicast 2000::/3 is refused: ::, ::1, IPv4-compatible ::/96,
  // 64:ff9b:1::/48, 100::/64, fc00::/7, fe80::/10, fec0::/10, ff00::/8 …
  if (!inRange(b, [[0x20], 3])) return false;
  return !BLOCKED_V6_GLOBAL.some((r) => inRange(b, r));
}

/** True only for a public unicast address: never loopback, private, link-local, CGNAT, reserved, multicast or a mapped form of those. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return isPublicV4(v4Bytes(ip));
  if (family === 6) return isPublicV6(ip);
  return false;
}

// ---------------------------------------------------------------------------------------------
// The fetcher

/** One resolved address, as node:dns `lookup` with `all: true` returns it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Limits and test hooks of a safe fetcher; production code passes nothing. */
export interface SafeFetchOptions {
  /** Whole fetch, redirects included (default 5 s). */
  timeoutMs?: number;
  /** TCP connect per hop (default 5 s, never more than timeoutMs). */
  connectTimeoutMs?: number;
  /** Largest accepted body (default 256 KiB). */
  maxBytes?: number;
  /** How long answers are cached (default 5 min; 0 = no cache). */
  cacheTtlMs?: number;
  /** Most cached URLs (default 500; the oldest goes first). */
  maxEntries?: number;
  /** Most redirects followed (default 3). */
  maxRedirects?: number;
  /** DNS lookup returning every address (tests inject one; default node:dns lookup with all: true). */
  lookup?: (host: string) => Promise<ResolvedAddress[]>;
  /** Tests only: allow http:// to reach a local test server. */
  allowHttpForTests?: boolean;
  /**
   * Tests only: extra certificate authorities (PEM) trusted for https, besides the system's, so a
   * test can serve Cairn over TLS with a certificate it made. Never a switch that turns checks off.
   */
  trustCaForTests?: string | string[];
  /** Tests only: addresses allowed besides public ones. */
  allowAddress?: (ip: string) => boolean;
  /** Tests only: the clock for cache expiry. */
  now?: () => number;
}

/** A credential fetched by its address, with the text exactly as it was received. */
export type FetchedCredential =
  { kind: 'json'; value: unknown; text: string } | { kind: 'jws'; text: string };

/** A fetcher of small JSON documents (and credentials) that cannot be pointed at internal addresses. */
export interface SafeFetcher {
  /** GETs and parses the JSON at an https URL under every rule of the fetcher; cached for a few minutes. */
  fetchJson(url: string): Promise<unknown>;
  /**
   * GETs a credential at an https URL under the same rules: JSON, or a compact JWS (a VC-JWT sent
   * as application/vc+jwt, application/jwt or text/plain, or with no type but three base64url
   * parts). Anything else is refused (bad_content_type). Never cached: an import reads it once.
   */
  fetchCredential(url: string): Promise<FetchedCredential>;
}

const JSONISH = /^application\/(json|did\+json|ld\+json|[\w.+-]+\+json)\s*(;|$)/i;
/** Content types a compact JWS credential is served with. */
const JWT_TYPES = /^(application\/(vc\+jwt|jwt|vc\+ld\+jwt)|text\/plain)\s*(;|$)/i;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const JSON_ACCEPT = 'application/did+json, application/ld+json, application/json;q=0.9';
const CREDENTIAL_ACCEPT =
  'application/vc+ld+json, application/ld+json, application/json;q=0.9, application/vc+jwt, application/jwt;q=0.8, text/plain;q=0.5';

/** What one fetch asks for and which content types it takes (named in a refusal). */
interface FetchWanted {
  accept: string;
  allowType: (type: string) => boolean;
  what: string;
}

/** A response read to its end: its content type (if sent) and its body as text. */
interface FetchedText {
  type: string | undefined;
  body: string;
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A fetcher for verifying foreign credentials that is no SSRF hole: https only, every resolved
 * address checked and then pinned for the connection (no DNS rebinding), redirects re-checked hop
 * by hop, with timeouts, a size limit, a content-type check and a small TTL cache.
 */
// eslint-disable-next-line max-lines-per-function -- one closure: the pinned DNS lookup, the agent and the limits are shared by its fetch steps
export function createSafeFetcher(options: SafeFetchOptions = {}): SafeFetcher {
  const timeoutMs = options.timeoutMs ?? 5000;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? 5000, timeoutMs);
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const ttl = options.cacheTtlMs ?? 300_000;
  const maxEntries = Math.max(1, options.maxEntries ?? 500);
  const maxRedirects = options.maxRedirects ?? 3;
  const now = options.now ?? Date.now;
  const lookup = options.lookup ?? ((host: string) => dnsLookup(host, { all: true, verbatim: true }));
  const allowed = (ip: string) => isPublicAddress(ip) || (options.allowAddress?.(ip) ?? false);
  const cache = new Map<string, { expires: number; value: unknown }>();
  const inflight = new Map<string, Promise<unknown>>();

  async function resolveChecked(hostname: string, signal: AbortSignal): Promise<ResolvedAddress[]> {
    const bare = hostname.replace(/^\[|\]$/g, '');
    const family = isIP(bare);
    if (family) {
      if (!allowed(bare))
        throw new FetchRefusedError('address_not_allowed', `${bare} is not a public address`);
      return [{ address: bare, family }];
    }
    let addresses: ResolvedAddress[];
    try {
      addresses = await untilAborted(lookup(bare), signal);
    } catch (err) {
      if (err instanceof FetchRefusedError) throw err;
      throw new FetchRefusedError('dns_failed', `Cannot resolve ${bare}: ${(err as Error).message}`);
    }
    if (!addresses.length) throw new FetchRefusedError('dns_failed', `${bare} has no address`);
    const bad = addresses.find((a) => !allowed(a.address));
    if (bad)
      throw new FetchRefusedError(
        'address_not_allowed',
        `${bare} resolves to ${bad.address}, which is not a public address`,
      );
    return addresses.map((a) => ({
      address: a.address,
      family: a.family === 6 || isIP(a.address) === 6 ? 6 : 4,
    }));
  }

  /** One GET, connecting only to the addresses already checked (host name kept for Host and SNI). */
  function get(
    url: URL,
    pinned: ResolvedAddress[],
    signal: AbortSignal,
    accept: string,
  ): Promise<IncomingMessage> {
    const pinnedLookup: LookupFunction = (_host, opts, cb) => {
      if (opts.all) cb(null, pinned);
      else {
        const first = pinned.find((a) => !opts.family || a.family === opts.family) ?? pinned[0]!;
        cb(null, first.address, first.family);
      }
    };
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'GET',
          agent: false, // no pooled socket from another lookup is ever reused
          headers: {
            accept,
            'user-agent': 'Cairn-verifier',
          },
          lookup: pinnedLookup,
          signal,
          // Node trusts its bundled roots; a test's own CA is added to them, never replacing verification.
          ...(options.trustCaForTests && url.protocol === 'https:'
            ? { ca: [...tls.rootCertificates, ...[options.trustCaForTests].flat()] }
            : {}),
        },
        resolve,
      );
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () =>
            req.destroy(
              new FetchRefusedError('timeout', `Cannot connect to ${url.host} within ${connectTimeoutMs} ms`),
            ),
          connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      req.on('error', (err) => {
        if (signal.aborted) reject(signal.reason);
        else if (err instanceof FetchRefusedError) reject(err);
        else reject(new FetchRefusedError('connect_failed', `Cannot fetch ${url.href}: ${err.message}`));
      });
      req.end();
    });
  }

  /** One hop: checked, pinned, redirects followed hop by hop; the body read within the limits if its type is allowed. */
  async function fetchHop(
    url: URL,
    redirects: number,
    signal: AbortSignal,
    want: FetchWanted,
  ): Promise<FetchedText> {
    if (url.protocol !== 'https:' && !(options.allowHttpForTests && url.protocol === 'http:')) {
      throw new FetchRefusedError('scheme_not_allowed', `Only https URLs are fetched, not ${url.protocol}`);
    }
    const pinned = await resolveChecked(url.hostname, signal);
    const res = await get(url, pinned, signal, want.accept);
    const status = res.statusCode ?? 0;
    if (REDIRECTS.has(status) && res.headers.location) {
      res.destroy();
      if (redirects >= maxRedirects)
        throw new FetchRefusedError(
          'too_many_redirects',
          `More than ${maxRedirects} redirects from ${url.href}`,
        );
      let next: URL;
      try {
        next = new URL(res.headers.location, url);
      } catch {
        throw new FetchRefusedError('bad_status', `${url.href} redirects to an invalid URL`);
      }
      return fetchHop(next, redirects + 1, signal, want);
    }
    if (status !== 200) {
      res.destroy();
      throw new FetchRefusedError('bad_status', `${url.href} answered ${status}`);
    }
    const type = res.headers['content-type'];
    if (type && !want.allowType(type)) {
      res.destroy();
      throw new FetchRefusedError('bad_content_type', `${url.href} sent ${type}, not ${want.what}`);
    }
    const declared = Number(res.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      res.destroy();
      throw new FetchRefusedError(
        'too_large',
        `${url.href} declares ${declared} bytes, more than ${maxBytes}`,
      );
    }
    return { type, body: await readLimited(res, maxBytes, url, signal) };
  }

  async function fetchFresh(url: string, want: FetchWanted): Promise<FetchedText> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FetchRefusedError('scheme_not_allowed', `Not a URL: ${url}`);
    }
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new FetchRefusedError('timeout', `${url} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      return await fetchHop(parsed, 0, controller.signal, want);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async fetchJson(url: string): Promise<unknown> {
      const hit = cache.get(url);
      if (hit && hit.expires > now()) return structuredClone(hit.value);
      if (hit) cache.delete(url);
      let pending = inflight.get(url);
      if (!pending) {
        pending = fetchFresh(url, { accept: JSON_ACCEPT, allowType: (t) => JSONISH.test(t), what: 'JSON' })
          .then(({ body }) => parseJson(body, url))
          .finally(() => inflight.delete(url));
        inflight.set(url, pending);
      }
      const value = await pending;
      if (ttl > 0 && !cache.has(url)) {
        while (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
        cache.set(url, { expires: now() + ttl, value: structuredClone(value) });
      }
      return structuredClone(value);
    },
    async fetchCredential(url: string): Promise<FetchedCredential> {
      const { type, body } = await fetchFresh(url, {
        accept: CREDENTIAL_ACCEPT,
        allowType: (t) => JSONISH.test(t) || JWT_TYPES.test(t),
        what: 'JSON or a compact JWS',
      });
      const trimmed = body.replace(/^\uFEFF/, '').trim();
      if (type && JSONISH.test(type)) return { kind: 'json', value: parseJson(body, url), text: body };
      if (COMPACT_JWS.test(trimmed)) return { kind: 'jws', text: trimmed };
      // Plain text (or no type) that is a JSON object is still a credential.
      if (trimmed.startsWith('{')) return { kind: 'json', value: parseJson(body, url), text: body };
      throw new FetchRefusedError(
        'bad_content_type',
        `${url} sent ${type ?? 'no content type'} that is neither JSON nor a compact JWS`,
      );
    },
  };
}

function parseJson(body: string, url: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new FetchRefusedError('invalid_json', `${url} did not send valid JSON`);
  }
}

function readLimited(res: IncomingMessage, maxBytes: number, url: URL, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    /** Settles once (destroying the response makes it emit errors of its own), then cleans up. */
    const finish = (err: unknown, body?: string) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (err) {
        reject(err as Error);
        res.destroy();
      } else resolve(body!);
    };
    const onAbort = () => finish(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes)
        finish(new FetchRefusedError('too_large', `${url.href} sent more than ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    res.on('end', () => finish(null, Buffer.concat(chunks).toString('utf8')));
    res.on('error', (err) =>
      finish(new FetchRefusedError('connect_failed', `Reading ${url.href} failed: ${err.message}`)),
    );
    res.on('aborted', () =>
      finish(new FetchRefusedError('connect_failed', `${url.href} closed the connection early`)),
    );
  });
}

/** The promise's outcome, or the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}
