import { compactVerify, decodeProtectedHeader, importSPKI } from 'jose';
import type { Check, VerificationReport } from './verificationReport.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a parsed document is an Open Badges 2.0 assertion. */
export function isOb2Assertion(doc: unknown): boolean {
  if (!isObject(doc)) return false;
  const ctx = [doc['@context']].flat();
  return ctx.includes('https://w3id.org/openbadges/v2') || [doc.type].flat().includes('Assertion');
}

/** The assertion inside an OB 2.0 signed badge (a compact JWS), or null when it is not one. */
export function ob2AssertionFromJws(jws: string): Json | null {
  const parts = jws.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return isOb2Assertion(payload) ? (payload as Json) : null;
  } catch {
    return null;
  }
}

/** How OB 2.0 verification reaches hosted documents (through the SSRF-safe fetcher in production). */
export interface Ob2Deps {
  fetchJson(url: string): Promise<unknown>;
  now: Date;
  /** Documents the person verifying handed over (the issuer's key document), by id: used instead of fetching them. */
  provided?: ReadonlyMap<string, Json>;
}

/**
 * The documents of an OB 2.0 issuer key document uploaded with a signed assertion, by id: a
 * CryptographicKey (id, owner, publicKeyPem), or the issuer's Profile with its publicKey (one or
 * several keys, embedded). Throws with a plain message when it is neither.
 */
export function ob2ProvidedDocuments(doc: unknown): Map<string, Json> {
  if (!isObject(doc)) throw new Error('The issuer key document is not a JSON object');
  const documents = new Map<string, Json>();
  const addKey = (key: unknown, owner?: string) => {
    if (!isObject(key) || typeof key.id !== 'string' || typeof key.publicKeyPem !== 'string')
      throw new Error('A key in the issuer key document needs an id and a publicKeyPem');
    documents.set(key.id, owner && key.owner === undefined ? { ...key, owner } : key);
  };
  const types = [doc.type].flat();
  if (types.includes('CryptographicKey') || (doc.publicKeyPem !== undefined && doc.publicKey === undefined))
    addKey(doc);
  else if (types.includes('Issuer') || types.includes('Profile')) {
    if (typeof doc.id !== 'string') throw new Error('The issuer profile has no id');
    const keys = doc.publicKey === undefined ? [] : [doc.publicKey].flat();
    if (!keys.length || keys.some((k) => !isObject(k)))
      throw new Error(
        'The issuer profile carries no embedded publicKey: upload the CryptographicKey document itself',
      );
    for (const key of keys) addKey(key, doc.id);
    documents.set(doc.id, doc);
  } else
    throw new Error('The issuer key document must be an Open Badges 2.0 CryptographicKey or Issuer profile');
  return documents;
}

async function fetchObject(deps: Ob2Deps, ref: unknown, what: string): Promise<Json> {
  if (isObject(ref)) return ref;
  if (typeof ref !== 'string') throw new Error(`${what} is missing`);
  const provided = deps.provided?.get(ref);
  if (provided) return provided;
  const doc = await deps.fetchJson(ref);
  if (!isObject(doc)) throw new Error(`${what} at ${ref} is not a JSON object`);
  return doc;
}

/**
 * Verifies an Open Badges 2.0 assertion, read-only: hosted (the assertion at its own URL must be
 * the same) or signed (a JWS checked with the issuer's published key), then expiry and revocation.
 */
// eslint-disable-next-line max-lines-per-function -- the Open Badges 2.0 verification steps in the order the spec gives them (hosted or signed, badge class, issuer, recipient, revocation), each a few lines
export async function verifyOb2(input: Json | string, deps: Ob2Deps): Promise<VerificationReport> {
  const checks: Check[] = [];
  const jws = typeof input === 'string' ? input.trim() : null;
  const assertion = jws ? ob2AssertionFromJws(jws) : (input as Json);
  if (!assertion)
    return {
      verified: false,
      format: 'unknown',
      checks: [{ id: 'parse', ok: false, code: 'parse_failed', message: 'Not an Open Badges 2.0 assertion' }],
    };
  checks.push({ id: 'parse', ok: true });
  const verification = isObject(assertion.verification) ? assertion.verification : {};
  const missing = ['id', 'recipient', 'badge', 'issuedOn'].filter((k) => assertion[k] === undefined);
  checks.push(
    missing.length
      ? { id: 'ob3_fields', ok: false, code: 'field_missing', message: `Missing: ${missing.join(', ')}` }
      : { id: 'ob3_fields', ok: true },
  );

  let issuer: Json | undefined;
  try {
    const badge = await fetchObject(deps, assertion.badge, 'The BadgeClass');
    issuer = await fetchObject(deps, badge.issuer, 'The issuer Profile');
    checks.push({ id: 'issuer_key', ok: true });
  } catch (err) {
    // Offline, a signed assertion's issuer is the owner of the key document handed over with it.
    const creator =
      typeof verification.creator === 'string' ? deps.provided?.get(verification.creator) : undefined;
    if (jws && creator && typeof creator.owner === 'string') {
      issuer = deps.provided?.get(creator.owner) ?? { id: creator.owner };
      checks.push({
        id: 'issuer_key',
        ok: true,
        message: `The key is the issuer’s by the key document you provided (owner ${creator.owner}); the BadgeClass was not fetched (${(err as Error).message}).`,
      });
    } else
      checks.push({ id: 'issuer_key', ok: false, code: 'key_unresolved', message: (err as Error).message });
  }

  try {
    if (verification.type === 'signed' || jws) {
      if (!jws)
        throw Object.assign(new Error('A signed assertion must be presented as its JWS'), {
          code: 'proof_missing',
        });
      const creator = typeof verification.creator === 'string' ? verification.creator : undefined;
      if (!creator)
        throw Object.assign(new Error('The assertion names no verification.creator key'), {
          code: 'proof_missing',
        });
      const key = await fetchObject(deps, creator, 'The signing key');
      if (typeof key.publicKeyPem !== 'string')
        throw Object.assign(new Error('The key has no publicKeyPem'), { code: 'unsupported_key_type' });
      if (issuer && typeof key.owner === 'string' && key.owner !== issuer.id)
        throw Object.assign(new Error('The key does not belong to the issuer'), { code: 'issuer_mismatch' });
      const alg = decodeProtectedHeader(jws).alg ?? 'RS256';
      await compactVerify(jws, await importSPKI(key.publicKeyPem, alg), {
        algorithms: ['RS256', 'ES256'],
      }).catch(() => {
        throw Object.assign(new Error('The JWS signature does not match'), { code: 'proof_invalid' });
      });
    } else {
      // Hosted: the assertion published at its id must be this very assertion.
      if (typeof assertion.id !== 'string' || !assertion.id.startsWith('https://'))
        throw Object.assign(new Error('A hosted assertion needs an https id'), { code: 'proof_missing' });
      const hosted = await fetchObject(deps, assertion.id, 'The hosted assertion');
      if (
        JSON.stringify({ ...hosted, '@context': undefined }) !==
        JSON.stringify({ ...assertion, '@context': undefined })
      )
        throw Object.assign(new Error('The hosted assertion differs from the one presented'), {
          code: 'proof_invalid',
        });
    }
    checks.push({ id: 'proof', ok: true });
  } catch (err) {
    checks.push({
      id: 'proof',
      ok: false,
      code: (err as { code?: string }).code ?? 'proof_unverifiable',
      message: (err as Error).message,
    });
  }

  const expires = typeof assertion.expires === 'string' ? Date.parse(assertion.expires) : NaN;
  checks.push(
    !Number.isNaN(expires) && expires <= deps.now.getTime()
      ? { id: 'validity_window', ok: false, code: 'expired', message: `Expired ${String(assertion.expires)}` }
      : { id: 'validity_window', ok: true },
  );

  if (assertion.revoked === true)
    checks.push({
      id: 'status',
      ok: false,
      code: 'revoked',
      message: String(assertion.revocationReason ?? 'The issuer revoked this badge'),
    });
  else if (issuer && typeof issuer.revocationList === 'string') {
    try {
      const list = await fetchObject(deps, issuer.revocationList, 'The revocation list');
      const revoked = [list.revokedAssertions]
        .flat()
        .find((r) => r === assertion.id || (isObject(r) && r.id === assertion.id));
      checks.push(
        revoked
          ? {
              id: 'status',
              ok: false,
              code: 'revoked',
              message:
                isObject(revoked) && typeof revoked.revocationReason === 'string'
                  ? revoked.revocationReason
                  : 'The issuer revoked this badge',
            }
          : { id: 'status', ok: true },
      );
    } catch (err) {
      checks.push({ id: 'status', ok: false, code: 'status_unavailable', message: (err as Error).message });
    }
  } else checks.push({ id: 'status', ok: true });

  return { verified: checks.every((c) => c.ok), format: 'ob2', credential: assertion, checks };
}
