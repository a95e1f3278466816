import { resolveDidKey } from '../didKey.ts';
import { decodeMultikeyPublic, encodeMultikeyPublic } from '../ed25519.ts';
import { FetchRefusedError } from './safeFetch.ts';
import type { JWK } from 'jose';

/** The stable reason codes of a failed key resolution. */
export type KeyResolutionCode = 'unsupported_method' | 'not_found' | 'fetch_failed' | 'unsupported_key_type';

/** Why a verification method could not be resolved to a key. */
export class KeyResolutionError extends Error {
  constructor(
    readonly code: KeyResolutionCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeyResolutionError';
  }
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

function decode(part: string, did: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new KeyResolutionError('unsupported_method', `Malformed did:web (bad percent-encoding): ${did}`);
  }
}

/** The https URL of a did:web DID document (did:web spec: `:` → `/`, `%3A` → port, no path → /.well-known). */
export function didWebToUrl(did: string): string {
  const m = /^did:web:([^#?/]+)$/.exec(did);
  if (!m) throw new KeyResolutionError('unsupported_method', `Not a did:web DID: ${did}`);
  const [host, ...path] = m[1]!.split(':');
  const authority = decode(host!, did);
  const hm = /^([^:]+)(?::(\d{1,5}))?$/.exec(authority);
  const hostname = hm?.[1] ?? '';
  const port = hm?.[2] === undefined ? undefined : Number(hm[2]);
  const labels = hostname.split('.');
  if (
    !hm ||
    hostname.length > 253 ||
    !labels.every((l) => LABEL.test(l)) ||
    (port !== undefined && (port < 1 || port > 65535))
  ) {
    throw new KeyResolutionError('unsupported_method', `Malformed did:web host: ${did}`);
  }
  const segments = path.map((p) => decode(p, did));
  if (segments.some((s) => !s || s === '.' || s === '..' || /[/\\?#]/.test(s))) {
    throw new KeyResolutionError('unsupported_method', `Malformed did:web path: ${did}`);
  }
  const origin = `https://${hostname.toLowerCase()}${port === undefined ? '' : `:${port}`}`;
  return segments.length
    ? `${origin}/${segments.map(encodeURIComponent).join('/')}/did.json`
    : `${origin}/.well-known/did.json`;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A resolved verification method: an Ed25519 Multikey (or an RSA JWK), and the DID or URL it speaks for. */
export interface ResolvedMethod {
  id: string;
  /** Who the key speaks for, established by the controller's own document (never just claimed by the key). */
  controller: string;
  /** An Ed25519 key, z6Mk… (also for OKP Ed25519 JWKs, converted). */
  publicKeyMultibase?: string;
  /** An RSA public key (RS256 JWTs). */
  publicKeyJwk?: JWK;
  /** True when the controller marks the method revoked. */
  revoked?: boolean;
}

/** What resolveVerificationMethod needs: an (SSRF-safe) fetcher and, for tests, a did:web URL mapping. */
export interface ResolveDeps {
  fetchJson(url: string): Promise<unknown>;
  /** Tests only: where a did:web document lives (default didWebToUrl). */
  didWebUrl?: (did: string) => string;
}

function keyOf(method: Json): Pick<ResolvedMethod, 'publicKeyMultibase' | 'publicKeyJwk'> {
  const id = String(method.id);
  if (method.type === 'Multikey' || method.type === 'Ed25519VerificationKey2020') {
    if (typeof method.publicKeyMultibase !== 'string')
      throw new KeyResolutionError('unsupported_key_type', `${id} has no publicKeyMultibase`);
    try {
      decodeMultikeyPublic(method.publicKeyMultibase);
    } catch (err) {
      throw new KeyResolutionError('unsupported_key_type', `${id}: ${(err as Error).message}`);
    }
    return { publicKeyMultibase: method.publicKeyMultibase };
  }
  if (method.type === 'JsonWebKey2020' || method.type === 'JsonWebKey') {
    const jwk = method.publicKeyJwk;
    if (
      isObject(jwk) &&
      jwk.kty === 'OKP' &&
      jwk.crv === 'Ed25519' &&
      typeof jwk.x === 'string' &&
      /^[\w-]+$/.test(jwk.x)
    ) {
      const bytes = Buffer.from(jwk.x, 'base64url');
      if (bytes.length !== 32)
        throw new KeyResolutionError('unsupported_key_type', `${id}: an Ed25519 JWK's x is 32 bytes`);
      return { publicKeyMultibase: encodeMultikeyPublic(new Uint8Array(bytes)) };
    }
    if (isObject(jwk) && jwk.kty === 'RSA' && typeof jwk.n === 'string' && typeof jwk.e === 'string')
      return { publicKeyJwk: { kty: 'RSA', n: jwk.n, e: jwk.e } };
    throw new KeyResolutionError('unsupported_key_type', `${id} is neither an OKP Ed25519 nor an RSA JWK`);
  }
  throw new KeyResolutionError('unsupported_key_type', `${id} has unsupported type ${String(method.type)}`);
}

/** True when a method reference (absolute, or `#frag` relative to base) names vmId. */
const names = (ref: unknown, vmId: string, base: string): boolean => {
  const id = isObject(ref) ? ref.id : ref;
  return typeof id === 'string' && (id === vmId || (id.startsWith('#') && `${base}${id}` === vmId));
};

function findMethod(doc: Json, vmId: string, base: string): Json | undefined {
  const all = ['verificationMethod', 'assertionMethod', 'authentication'].flatMap((k) =>
    [doc[k] ?? []].flat(),
  );
  return all.filter(isObject).find((m) => names(m, vmId, base));
}

const asserts = (doc: Json, vmId: string, base: string) =>
  [doc.assertionMethod ?? []].flat().some((ref) => names(ref, vmId, base));

async function fetchDoc(url: string, deps: ResolveDeps): Promise<Json> {
  let doc: unknown;
  try {
    doc = await deps.fetchJson(url);
  } catch (err) {
    const code = err instanceof FetchRefusedError ? ` (${err.code})` : '';
    throw new KeyResolutionError('fetch_failed', `Cannot fetch ${url}${code}: ${(err as Error).message}`);
  }
  if (!isObject(doc)) throw new KeyResolutionError('not_found', `${url} is not a JSON object`);
  return doc;
}

/** The URL of the document for a did:web DID or an https controller/key URL. */
function documentUrl(id: string, deps: ResolveDeps): string {
  if (id.startsWith('did:web:')) return (deps.didWebUrl ?? didWebToUrl)(id);
  if (id.startsWith('https://')) return id;
  throw new KeyResolutionError(
    'unsupported_method',
    `Cannot resolve ${id}: only did:key, did:web and https key URLs are supported`,
  );
}

function resolveKeyOffline(vmId: string): ResolvedMethod {
  const [did, fragment] = vmId.split('#') as [string, string | undefined];
  let method: unknown;
  try {
    method = [resolveDidKey(did).verificationMethod].flat()[0];
  } catch (err) {
    throw new KeyResolutionError('unsupported_key_type', `${vmId}: ${(err as Error).message}`);
  }
  if (!isObject(method) || typeof method.id !== 'string' || typeof method.publicKeyMultibase !== 'string')
    throw new KeyResolutionError('not_found', `${did} has no verification method`);
  if (fragment !== undefined && method.id !== vmId)
    throw new KeyResolutionError('not_found', `${did} has no verification method #${fragment}`);
  return { id: method.id, controller: did, publicKeyMultibase: method.publicKeyMultibase };
}

/**
 * The key behind a verification method: did:key offline; did:web (`did:web:…#frag`) and https key
 * URLs through the given SSRF-safe fetcher. The controller returned is one whose own document
 * lists the key as an assertion method, so a key cannot claim to speak for somebody else.
 */
export async function resolveVerificationMethod(vmId: string, deps: ResolveDeps): Promise<ResolvedMethod> {
  if (vmId.startsWith('did:key:')) return resolveKeyOffline(vmId);
  const base = vmId.split('#')[0]!;
  const url = documentUrl(base, deps);
  const doc = await fetchDoc(url, deps);

  if (base.startsWith('https://') && doc.id === vmId) {
    // The document IS the key; it only speaks for a controller whose own document lists it.
    const keys = keyOf(doc);
    const controller = typeof doc.controller === 'string' ? doc.controller : undefined;
    if (!controller) throw new KeyResolutionError('not_found', `${vmId} names no controller`);
    const controllerBase = controller.split('#')[0]!;
    const controllerDoc =
      controllerBase === base ? doc : await fetchDoc(documentUrl(controllerBase, deps), deps);
    if (controllerDoc.id !== controllerBase || !asserts(controllerDoc, vmId, controllerBase)) {
      throw new KeyResolutionError(
        'not_found',
        `The controller ${controller} does not list ${vmId} as an assertion method`,
      );
    }
    return { id: vmId, controller: controllerBase, ...keys, ...(doc.revoked ? { revoked: true } : {}) };
  }

  // A DID document or controller document holding the method.
  if (doc.id !== base)
    throw new KeyResolutionError('not_found', `${url} is the document of ${String(doc.id)}, not of ${base}`);
  const method = findMethod(doc, vmId, base);
  if (!method) throw new KeyResolutionError('not_found', `${base} does not publish ${vmId}`);
  const keys = keyOf(method);
  if (method.revoked) return { id: vmId, controller: base, ...keys, revoked: true };
  if (!asserts(doc, vmId, base))
    throw new KeyResolutionError('not_found', `${vmId} is not an assertion method of ${base}`);
  return { id: vmId, controller: base, ...keys };
}
