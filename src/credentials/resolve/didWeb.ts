import { resolveDidKey } from '../didKey.ts';
import { decodeMultikeyPublic, encodeMultikeyPublic } from '../ed25519.ts';
import { FetchRefusedError } from './safeFetch.ts';
import type { JWK } from 'jose';

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

/** The https URL of a did:web DID document (did:web spec: `:` → `/`, `%3A` → port, no path → .well-known). */
export function didWebToUrl(did: string): string {
  const m = /^did:web:([^#?]+)$/.exec(did);
  if (!m) throw new KeyResolutionError('unsupported_method', `Not a did:web DID: ${did}`);
  const [host, ...path] = m[1]!.split(':');
  const hostname = decodeURIComponent(host!);
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(hostname) || path.some((p) => !p || /[/\\]/.test(decodeURIComponent(p)))) {
    throw new KeyResolutionError('unsupported_method', `Malformed did:web: ${did}`);
  }
  const segments = path.map((p) => encodeURIComponent(decodeURIComponent(p)));
  return segments.length ? `https://${hostname}/${segments.join('/')}/did.json` : `https://${hostname}/.well-known/did.json`;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ResolvedMethod {
  id: string;
  controller: string;
  publicKeyMultibase?: string;
  publicKeyJwk?: JWK;
}

function keyOf(method: Json): Pick<ResolvedMethod, 'publicKeyMultibase' | 'publicKeyJwk'> {
  if (typeof method.publicKeyMultibase === 'string' && (method.type === 'Multikey' || method.type === 'Ed25519VerificationKey2020')) {
    decodeMultikeyPublic(method.publicKeyMultibase);
    return { publicKeyMultibase: method.publicKeyMultibase };
  }
  const jwk = method.publicKeyJwk;
  if (isObject(jwk) && jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') return { publicKeyMultibase: encodeMultikeyPublic(Buffer.from(jwk.x, 'base64url')) };
  if (isObject(jwk) && jwk.kty === 'RSA' && typeof jwk.n === 'string' && typeof jwk.e === 'string') return { publicKeyJwk: { kty: 'RSA', n: jwk.n, e: jwk.e } };
  throw new KeyResolutionError('unsupported_key_type', `Verification method ${String(method.id)} is not an Ed25519 key`);
}

function findMethod(doc: Json, vmId: string, base: string): Json | undefined {
  const lists = ['verificationMethod', 'assertionMethod', 'authentication'].flatMap((k) => [doc[k] ?? []].flat());
  return lists.filter(isObject).find((m) => m.id === vmId || (typeof m.id === 'string' && m.id.startsWith('#') && `${base}${m.id}` === vmId));
}

/**
 * The Ed25519 key behind a verification method: did:key offline; did:web and https key URLs
 * through the given (SSRF-safe) fetcher.
 */
export async function resolveVerificationMethod(vmId: string, deps: { fetchJson(url: string): Promise<unknown>; didWebUrl?: (did: string) => string }): Promise<ResolvedMethod> {
  if (vmId.startsWith('did:key:')) {
    const doc = resolveDidKey(vmId) as { id: string; controller: string; publicKeyMultibase: string };
    return { id: doc.id, controller: doc.controller, publicKeyMultibase: doc.publicKeyMultibase };
  }
  const [base] = vmId.split('#');
  let url: string;
  if (base!.startsWith('did:web:')) url = (deps.didWebUrl ?? didWebToUrl)(base!);
  else if (/^https:\/\//.test(base!)) url = base!;
  else throw new KeyResolutionError('unsupported_method', `Cannot resolve ${vmId}: only did:key, did:web and https key URLs are supported`);
  let doc: unknown;
  try {
    doc = await deps.fetchJson(url);
  } catch (err) {
    const code = err instanceof FetchRefusedError ? ` (${err.code})` : '';
    throw new KeyResolutionError('fetch_failed', `Cannot fetch ${url}${code}: ${(err as Error).message}`);
  }
  if (!isObject(doc)) throw new KeyResolutionError('not_found', `${url} is not a JSON document`);
  const method = doc.id === vmId ? doc : findMethod(doc, vmId, base!);
  if (!method) throw new KeyResolutionError('not_found', `${url} does not publish ${vmId}`);
  if (base!.startsWith('did:web:')) {
    const asserting = [doc.assertionMethod ?? []].flat().map((m) => (isObject(m) ? m.id : m));
    if (!asserting.some((a) => a === vmId || (typeof a === 'string' && a.startsWith('#') && `${base}${a}` === vmId))) {
      throw new KeyResolutionError('not_found', `${vmId} is not an assertion method of ${base}`);
    }
  }
  return { id: vmId, controller: typeof method.controller === 'string' ? method.controller : base!, ...keyOf(method) };
}
