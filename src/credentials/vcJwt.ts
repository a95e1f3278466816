import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { VC_V1 } from './contexts.ts';

export type JwtAlgorithm = 'EdDSA' | 'RS256';

const b64url = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');
const seconds = (iso: unknown) =>
  typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? Math.floor(Date.parse(iso) / 1000) : undefined;

/**
 * The VC-JWT payload. VC 2.0 / OB 3.0: the credential's own members at the top level plus the
 * registered claims iss, jti, sub, nbf (validFrom) and exp (validUntil). A VC 1.1 credential (its
 * first context is the 2018 one) goes in the `vc` claim, with nbf from issuanceDate and exp from
 * expirationDate, as VC 1.1's JWT encoding says.
 */
export function jwtPayload(credential: Record<string, unknown>): Record<string, unknown> {
  const issuer = credential.issuer;
  const subject = [credential.credentialSubject].flat()[0] as Record<string, unknown> | undefined;
  const v11 = [credential['@context']].flat()[0] === VC_V1;
  const claims: Record<string, unknown> = {
    iss: typeof issuer === 'string' ? issuer : (issuer as Record<string, unknown> | undefined)?.id,
    jti: credential.id,
    sub: subject?.id,
    nbf: seconds(v11 ? credential.issuanceDate : credential.validFrom),
    exp: seconds(v11 ? credential.expirationDate : credential.validUntil),
  };
  for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
  return v11 ? { ...claims, vc: credential } : { ...credential, ...claims };
}

/**
 * Signs a credential as a compact JWS. EdDSA is done directly with node:crypto (a reused
 * KeyObject: no per-signature key import); RS256 for verifiers that only know RSA.
 */
export function signVcJwt(
  credential: Record<string, unknown>,
  key: { privateKey: KeyObject; kid: string; alg?: JwtAlgorithm },
): string {
  const alg = key.alg ?? 'EdDSA';
  const header = b64url(JSON.stringify({ alg, kid: key.kid, typ: 'JWT' }));
  const payload = b64url(JSON.stringify(jwtPayload(credential)));
  const input = `${header}.${payload}`;
  const signature = cryptoSign(alg === 'EdDSA' ? null : 'sha256', Buffer.from(input), key.privateKey);
  return `${input}.${b64url(signature)}`;
}

export interface DecodedJwt {
  header: { alg?: string; kid?: string; jwk?: JWK; typ?: string };
  payload: Record<string, unknown>;
  /** The credential inside: the payload itself (OB 3.0) or its `vc` claim (VC 1.1 style). */
  credential: Record<string, unknown>;
}

/** The longest compact JWS read (a VC-JWT badge is a few kilobytes, with an image some hundreds). */
export const MAX_JWS_CHARS = 4_000_000;
/** The longest protected header read (alg, kid, typ and perhaps a public JWK). */
const MAX_HEADER_CHARS = 16_384;

/** Splits and parses a compact JWS without verifying it; throws on malformed or oversized input. */
export function decodeVcJwt(jws: string): DecodedJwt {
  if (jws.length > MAX_JWS_CHARS)
    throw new Error(`The JWS is longer than ${MAX_JWS_CHARS.toLocaleString('en')} characters`);
  const parts = jws.trim().split('.', 4);
  if (parts.length !== 3) throw new Error('A compact JWS has three dot-separated parts');
  if (parts[0]!.length > MAX_HEADER_CHARS)
    throw new Error(`The JWS header is longer than ${MAX_HEADER_CHARS.toLocaleString('en')} characters`);
  const header = decodeProtectedHeader(jws.trim()) as DecodedJwt['header'];
  const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (!payload || typeof payload !== 'object') throw new Error('The JWS payload is not a JSON object');
  const credential = (payload.vc && typeof payload.vc === 'object' ? payload.vc : payload) as Record<
    string,
    unknown
  >;
  return { header, payload, credential };
}

/** True when the JWS signature verifies with the key (EdDSA or RS256 only). */
export async function verifyVcJwtSignature(jws: string, publicKey: KeyObject | JWK): Promise<boolean> {
  try {
    if (jws.length > MAX_JWS_CHARS) return false;
    const alg = decodeProtectedHeader(jws.trim()).alg;
    if (alg !== 'EdDSA' && alg !== 'RS256') return false;
    const key = 'kty' in publicKey ? await importJWK(publicKey as JWK, alg) : publicKey;
    await compactVerify(jws.trim(), key, { algorithms: ['EdDSA', 'RS256'] });
    return true;
  } catch {
    return false;
  }
}
