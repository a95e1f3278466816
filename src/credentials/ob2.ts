import { compactVerify, decodeProtectedHeader, importSPKI } from 'jose';
import {
  checkSaying,
  failedCheck,
  type Check,
  type CheckCode,
  type VerificationReport,
} from './verificationReport.ts';
import {
  CheckError,
  detail,
  detailOf,
  keyDocumentMessages,
  type CheckDetail,
  type CheckValues,
} from './checkMessages.ts';

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
  if (!isObject(doc)) throw new Error(keyDocumentMessages.notObject);
  const documents = new Map<string, Json>();
  const addKey = (key: unknown, owner?: string) => {
    if (!isObject(key) || typeof key.id !== 'string' || typeof key.publicKeyPem !== 'string')
      throw new Error(keyDocumentMessages.keyNeedsIdAndPem);
    documents.set(key.id, owner && key.owner === undefined ? { ...key, owner } : key);
  };
  const types = [doc.type].flat();
  if (types.includes('CryptographicKey') || (doc.publicKeyPem !== undefined && doc.publicKey === undefined))
    addKey(doc);
  else if (types.includes('Issuer') || types.includes('Profile')) {
    if (typeof doc.id !== 'string') throw new Error(keyDocumentMessages.profileWithoutId);
    const keys = doc.publicKey === undefined ? [] : [doc.publicKey].flat();
    if (!keys.length || keys.some((k) => !isObject(k)))
      throw new Error(keyDocumentMessages.profileWithoutKey);
    for (const key of keys) addKey(key, doc.id);
    documents.set(doc.id, doc);
  } else throw new Error(keyDocumentMessages.wrongKind);
  return documents;
}

type Ob2Document = NonNullable<CheckValues['what']>;

/** An Open Badges 2.0 step that failed: its code and what is said. */
const ob2Failure = (code: CheckCode, said: CheckDetail) => Object.assign(new CheckError(said), { code });

async function fetchObject(deps: Ob2Deps, ref: unknown, what: Ob2Document): Promise<Json> {
  if (isObject(ref)) return ref;
  if (typeof ref !== 'string') throw new CheckError(detail('ob2DocumentMissing', { what }));
  const provided = deps.provided?.get(ref);
  if (provided) return provided;
  let doc: unknown;
  try {
    doc = await deps.fetchJson(ref);
  } catch (err) {
    const own = detailOf(err);
    throw new CheckError(
      own.key === 'reported' ? detail('ob2Document', { what, url: ref }, own.quoted) : own,
    );
  }
  if (!isObject(doc)) throw new CheckError(detail('ob2DocumentNotObject', { what, url: ref }));
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
      checks: [failedCheck('parse', 'parse_failed', detail('notOb2'))],
    };
  checks.push({ id: 'parse', ok: true });
  const verification = isObject(assertion.verification) ? assertion.verification : {};
  const missing = ['id', 'recipient', 'badge', 'issuedOn'].filter((k) => assertion[k] === undefined);
  checks.push(
    missing.length
      ? failedCheck('ob3_fields', 'field_missing', detail('missingFields', { fields: missing }))
      : { id: 'ob3_fields', ok: true },
  );

  let issuer: Json | undefined;
  try {
    const badge = await fetchObject(deps, assertion.badge, 'badgeClass');
    issuer = await fetchObject(deps, badge.issuer, 'issuer');
    checks.push({ id: 'issuer_key', ok: true });
  } catch (err) {
    // Offline, a signed assertion's issuer is the owner of the key document handed over with it.
    const creator =
      typeof verification.creator === 'string' ? deps.provided?.get(verification.creator) : undefined;
    if (jws && creator && typeof creator.owner === 'string') {
      issuer = deps.provided?.get(creator.owner) ?? { id: creator.owner };
      checks.push(
        checkSaying('issuer_key', true, undefined, [
          detail('ob2KeyByProvidedDocument', { owner: creator.owner }),
          detailOf(err),
        ]),
      );
    } else checks.push(failedCheck('issuer_key', 'key_unresolved', detailOf(err)));
  }

  try {
    if (verification.type === 'signed' || jws) {
      if (!jws) throw ob2Failure('proof_missing', detail('ob2SignedNeedsJws'));
      const creator = typeof verification.creator === 'string' ? verification.creator : undefined;
      if (!creator) throw ob2Failure('proof_missing', detail('ob2NoCreator'));
      const key = await fetchObject(deps, creator, 'key');
      if (typeof key.publicKeyPem !== 'string')
        throw ob2Failure('unsupported_key_type', detail('ob2NoPublicKeyPem'));
      if (issuer && typeof key.owner === 'string' && key.owner !== issuer.id)
        throw ob2Failure('issuer_mismatch', detail('ob2KeyNotIssuers'));
      const alg = decodeProtectedHeader(jws).alg ?? 'RS256';
      await compactVerify(jws, await importSPKI(key.publicKeyPem, alg), {
        algorithms: ['RS256', 'ES256'],
      }).catch(() => {
        throw ob2Failure('proof_invalid', detail('jwsMismatch'));
      });
    } else {
      // Hosted: the assertion published at its id must be this very assertion.
      if (typeof assertion.id !== 'string' || !assertion.id.startsWith('https://'))
        throw ob2Failure('proof_missing', detail('ob2HostedNeedsHttps'));
      const hosted = await fetchObject(deps, assertion.id, 'hosted');
      if (
        JSON.stringify({ ...hosted, '@context': undefined }) !==
        JSON.stringify({ ...assertion, '@context': undefined })
      )
        throw ob2Failure('proof_invalid', detail('ob2HostedDiffers'));
    }
    checks.push({ id: 'proof', ok: true });
  } catch (err) {
    checks.push(
      failedCheck('proof', (err as { code?: CheckCode }).code ?? 'proof_unverifiable', detailOf(err)),
    );
  }

  const expires = typeof assertion.expires === 'string' ? Date.parse(assertion.expires) : NaN;
  checks.push(
    !Number.isNaN(expires) && expires <= deps.now.getTime()
      ? failedCheck('validity_window', 'expired', detail('expiredOn', { date: String(assertion.expires) }))
      : { id: 'validity_window', ok: true },
  );

  if (assertion.revoked === true)
    checks.push(failedCheck('status', 'revoked', revokedBecause(assertion.revocationReason)));
  else if (issuer && typeof issuer.revocationList === 'string') {
    try {
      const list = await fetchObject(deps, issuer.revocationList, 'revocationList');
      const revoked = [list.revokedAssertions]
        .flat()
        .find((r) => r === assertion.id || (isObject(r) && r.id === assertion.id));
      checks.push(
        revoked
          ? failedCheck(
              'status',
              'revoked',
              revokedBecause(isObject(revoked) ? revoked.revocationReason : undefined),
            )
          : { id: 'status', ok: true },
      );
    } catch (err) {
      checks.push(failedCheck('status', 'status_unavailable', detailOf(err)));
    }
  } else checks.push({ id: 'status', ok: true });

  return { verified: checks.every((c) => c.ok), format: 'ob2', credential: assertion, checks };
}

/** The issuer revoked the badge, with its reason (its own words, in its own language) when it gives one. */
const revokedBecause = (reason: unknown): CheckDetail =>
  detail(
    'ob2Revoked',
    undefined,
    typeof reason === 'string' && reason ? { text: reason, from: 'credential' } : undefined,
  );
