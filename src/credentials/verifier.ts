import { ed25519FromPublicBytes, decodeMultikeyPublic } from './ed25519.ts';
import { validateAchievementCredential, validateEndorsementCredential } from './schema.ts';
import { decodeVcJwt, verifyVcJwtSignature } from './vcJwt.ts';
import { claimsOpenBadge, credentialModelProblems, vcVersion } from './vcDataModel.ts';
import { isOb2Assertion, ob2AssertionFromJws, verifyOb2 } from './ob2.ts';
import { extractFromPng, extractFromSvg, sniffImage } from './baking/index.ts';
import { isClrCredential, validateClrCredential } from './clr.ts';
import { exceedsLimits, isBudgetExceeded, yieldToEventLoop } from './budget.ts';
import {
  checkSaying,
  detailsText,
  failedCheck,
  type Check,
  type CheckCode,
  type ProfileResult,
  type VerificationReport,
} from './verificationReport.ts';
import { CheckError, detail, detailOf, detailText, libraryText, type CheckDetail } from './checkMessages.ts';
import {
  controllerOf,
  isObject,
  issuerId,
  type Json,
  type ResolvedKey,
  type VerifierDeps,
} from './verifierDeps.ts';
import { status } from './verifyStatus.ts';
import { validityWindow } from './validityWindow.ts';
import { dataIntegrityProofs } from './verifyProofs.ts';
export { validityWindow } from './validityWindow.ts';
export type {
  Check,
  CheckCode,
  CheckDetail,
  CheckMessageKey,
  CheckValues,
  ProfileResult,
  QuotedText,
  StatusResult,
  VerificationReport,
} from './verificationReport.ts';
export type { ResolvedKey, VerifierDeps } from './verifierDeps.ts';
export { MAX_PROOFS, proofOptionsProblem } from './verifyProofs.ts';

/** The text baked into a PNG or SVG badge image (OB 3.0, or OB 2.0 from other platforms). */
async function unbake(image: Uint8Array, deps: VerifierDeps): Promise<string | Json> {
  const kind = sniffImage(image);
  if (!kind) throw new CheckError(detail('notCredentialOrImage'));
  const baked = kind === 'png' ? extractFromPng(image) : extractFromSvg(Buffer.from(image).toString('utf8'));
  if (!baked) throw new CheckError(detail('imageWithoutBadge', { kind: kind === 'png' ? 'PNG' : 'SVG' }));
  // OB 2.0 images may carry only the URL of a hosted assertion.
  if (/^https?:\/\//.test(baked.data.trim())) {
    if (!deps.fetchJson) throw new CheckError(detail('hostedNeedsNetwork', { url: baked.data.trim() }));
    const hosted = await deps.fetchJson(baked.data.trim());
    if (!isObject(hosted)) throw new CheckError(detail('hostedNotObject'));
    return hosted;
  }
  return baked.data;
}

/** The longest text (JSON or compact JWS) read as a credential: a badge is far smaller. */
export const MAX_INPUT_CHARS = 4_000_000;

class LimitError extends CheckError {
  constructor(
    override readonly code: 'too_large' | 'too_deep',
    said: CheckDetail,
  ) {
    super(said, code);
  }
}

/**
 * The credential of a VC-JWT. A VC 1.1 JWT carries it in a `vc` claim and may move some of its
 * properties to JWT claims (iss → issuer, nbf → issuanceDate, exp → expirationDate, jti → id,
 * sub → credentialSubject.id): they are put back, as VC-JWT 1.1 decoding says.
 */
function withJwtClaims(decoded: { payload: Json; credential: Json }): Json {
  const { payload, credential } = decoded;
  if (credential === payload || vcVersion(credential) !== '1.1') return credential;
  const c: Json = { ...credential };
  const date = (seconds: unknown) =>
    typeof seconds === 'number' && Number.isFinite(seconds) && Math.abs(seconds) < 8.64e12
      ? new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z')
      : undefined;
  if (c.issuer === undefined && typeof payload.iss === 'string') c.issuer = payload.iss;
  if (c.issuanceDate === undefined && date(payload.nbf)) c.issuanceDate = date(payload.nbf);
  if (c.expirationDate === undefined && date(payload.exp)) c.expirationDate = date(payload.exp);
  if (c.id === undefined && typeof payload.jti === 'string') c.id = payload.jti;
  if (
    isObject(c.credentialSubject) &&
    c.credentialSubject.id === undefined &&
    typeof payload.sub === 'string'
  )
    c.credentialSubject = { ...c.credentialSubject, id: payload.sub };
  return c;
}

/** Reads the input: a JSON object or text, or a compact JWS. */
function parse(input: string | Json): { format: 'ldp' | 'jwt'; credential: Json; jws?: string } {
  if (isObject(input)) return { format: 'ldp', credential: input };
  if (input.length > MAX_INPUT_CHARS)
    throw new LimitError('too_large', detail('inputTooLong', { count: input.length, max: MAX_INPUT_CHARS }));
  const text = input.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new CheckError(detail('notJson', undefined, libraryText(err)));
    }
    if (!isObject(parsed)) throw new CheckError(detail('jsonNotObject'));
    return { format: 'ldp', credential: parsed };
  }
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text)) {
    const ob2 = ob2AssertionFromJws(text);
    let credential: Json;
    try {
      credential = ob2 ?? withJwtClaims(decodeVcJwt(text));
    } catch (err) {
      throw new CheckError(detail('jwsUnreadable', undefined, libraryText(err)));
    }
    return { format: 'jwt', credential, jws: text };
  }
  throw new CheckError(detail('notJsonOrJws'));
}

function requiredFields(c: Json): Check {
  const missing: string[] = [];
  const types = [c.type].flat();
  if (!types.includes('VerifiableCredential')) missing.push('type VerifiableCredential');
  const endorsement = types.includes('EndorsementCredential');
  if (!endorsement && !types.includes('OpenBadgeCredential') && !types.includes('AchievementCredential'))
    missing.push('type OpenBadgeCredential');
  if (![c['@context']].flat().includes('https://www.w3.org/ns/credentials/v2'))
    missing.push('@context VC 2.0');
  if (!issuerId(c)) missing.push('issuer.id');
  if (typeof c.validFrom !== 'string') missing.push('validFrom');
  const subject = c.credentialSubject;
  if (endorsement) {
    // An OB 3.0 EndorsementCredential: its subject is the endorsed entity (an achievement, an issuer…).
    if (
      !isObject(subject) ||
      typeof subject.id !== 'string' ||
      ![subject.type].flat().includes('EndorsementSubject')
    )
      missing.push('credentialSubject.id (EndorsementSubject)');
  } else if (!isObject(subject) || !isObject(subject.achievement))
    missing.push('credentialSubject.achievement');
  return missing.length
    ? failedCheck('ob3_fields', 'field_missing', detail('missingFields', { fields: missing }))
    : { id: 'ob3_fields', ok: true };
}

const MAX_EMBEDDED = 200;

async function embedded(c: Json, deps: VerifierDeps): Promise<Check> {
  const subject = isObject(c.credentialSubject) ? c.credentialSubject : {};
  const inner = Array.isArray(subject.verifiableCredential) ? subject.verifiableCredential : [];
  // Bounded work for anyone's upload: a transcript carries at most MAX_EMBEDDED credentials, and
  // a transcript inside a transcript is not opened.
  if (inner.length > MAX_EMBEDDED)
    return failedCheck(
      'embedded',
      'embedded_too_many',
      detail('embeddedTooMany', { max: MAX_EMBEDDED, count: inner.length }),
    );
  const failed: CheckDetail[] = [];
  // "Credentials in the transcript do not verify: #1 (…) proof_invalid; #3 …" (the code says the lead).
  const listing = (lead: CheckDetail, code: CheckCode): Check => ({
    id: 'embedded',
    ok: false,
    code,
    message: `${detailText(lead)}: ${detailsText(failed, '; ')}`,
    details: failed,
  });
  for (const [i, vc] of inner.entries()) {
    const index = i + 1;
    if (isObject(vc) && isClrCredential(vc)) {
      failed.push(detail('innerIsTranscript', { index }));
      continue;
    }
    // Other requests are served between the credentials of a long transcript; the budget is shared.
    await yieldToEventLoop();
    if (deps.deadline !== undefined && Date.now() > deps.deadline) {
      failed.push(detail('innerOutOfTime', { index }));
      return listing(detail('embeddedNotAll'), 'verification_budget_exceeded');
    }
    if (!isObject(vc)) {
      failed.push(detail('innerNotObject', { index }));
      continue;
    }
    const report = await verifyCredential(vc, deps);
    if (report.verified) continue;
    const failing = report.checks.filter((x) => !x.ok);
    const values = {
      index,
      codes: failing.map((x) => x.code ?? x.id),
      checks: failing.map((x) => x.id),
    };
    failed.push(
      typeof vc.name === 'string'
        ? detail('innerFailedNamed', { ...values, name: vc.name })
        : detail('innerFailed', values),
    );
  }
  return failed.length
    ? listing(detail('embeddedInvalid'), 'embedded_invalid')
    : { id: 'embedded', ok: true };
}

/** At most this many proofs in one proof set (each is a signature to check). */

/** The OB 3.0 / CLR 2.0 profile: its checks count only when the credential claims to be one. */
function profileChecks(credential: Json): { checks: Check[]; profiles: ProfileResult[] } {
  const clr = isClrCredential(credential);
  if (!claimsOpenBadge(credential)) {
    return {
      checks: [],
      profiles: [
        {
          id: 'open-badges-3.0',
          claimed: false,
          ok: false,
          message: detailText(detail('notOpenBadge')),
          details: [detail('notOpenBadge')],
        },
      ],
    };
  }
  const profile = clr ? 'clr' : 'ob3';
  const schema = clr
    ? validateClrCredential(credential)
    : [credential.type].flat().includes('EndorsementCredential')
      ? validateEndorsementCredential(credential)
      : validateAchievementCredential(credential);
  const checks: Check[] = [
    schema.valid
      ? { id: 'schema', ok: true, profile }
      : {
          id: 'schema',
          ok: false,
          code: 'schema_invalid',
          // The schema validator's own words, as it reports them.
          message: schema.errors.join('; '),
          details: schema.errors.map((text) => detail('reported', undefined, { text, from: 'library' })),
          profile,
        },
  ];
  if (!clr) checks.push({ ...requiredFields(credential), profile });
  const failed = checks.filter((x) => !x.ok);
  return {
    checks,
    profiles: [
      {
        id: clr ? 'clr-2.0' : 'open-badges-3.0',
        claimed: true,
        ok: failed.length === 0,
        ...(failed.length
          ? {
              message: failed.map((x) => x.message).join('; '),
              details: failed.flatMap((x) => x.details ?? []),
            }
          : {}),
      },
    ],
  };
}

/** The W3C data model check: the rules of VC 2.0 (or 1.1), and for a VC-JWT, JSON-LD in safe mode. */
async function dataModel(credential: Json, format: 'ldp' | 'jwt', deps: VerifierDeps): Promise<Check> {
  const problems = credentialModelProblems(credential);
  if (problems.length)
    return {
      id: 'data_model',
      ok: false,
      code: problems[0]!.code,
      message: problems.map((p) => p.message).join('; '),
      // The data model rules' own words (vcDataModel.ts), one per broken rule.
      details: problems.map((p) => detail('reported', undefined, { text: p.message, from: 'library' })),
    };
  // An embedded proof canonicalizes the document (safe mode) as part of its check; a JWT's
  // payload is expanded here, so an undefined term is an error whichever way it is secured.
  if (format === 'jwt') {
    try {
      // The registered JWT claims beside the credential (OB 3.0 / VC-JOSE payloads) are not JSON-LD.
      const {
        iss: _iss,
        sub: _sub,
        jti: _jti,
        nbf: _nbf,
        exp: _exp,
        iat: _iat,
        aud: _aud,
        nonce: _nonce,
        cnf: _cnf,
        ...document
      } = credential;
      await deps.canonicalizer.canonize(document, { deadline: deps.deadline });
    } catch (err) {
      if (isBudgetExceeded(err)) return failedCheck('data_model', 'verification_budget_exceeded', err.detail);
      return failedCheck('data_model', 'jsonld_invalid', detail('notJsonLd', undefined, libraryText(err)));
    }
  }
  return { id: 'data_model', ok: true };
}

/** Verifies a credential (embedded eddsa-rdfc-2022 proof or VC-JWT) and reports every check. */
export async function verifyCredential(
  input: string | Json | Uint8Array,
  deps: VerifierDeps,
): Promise<VerificationReport> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(input instanceof Uint8Array ? await unbake(input, deps) : input);
    // Bounded work for anyone's upload: a document too large or too deep is refused before any.
    const problem = exceedsLimits(parsed.credential);
    if (problem) throw new LimitError(problem.code, problem.detail);
  } catch (err) {
    const code = err instanceof LimitError ? err.code : 'parse_failed';
    return { verified: false, format: 'unknown', checks: [failedCheck('parse', code, detailOf(err))] };
  }
  const { credential, format } = parsed;
  if (isOb2Assertion(credential)) {
    const fetchJson =
      deps.fetchJson ??
      (async (url: string) => Promise.reject(new CheckError(detail('fetchNetworkOff', { url }))));
    return verifyOb2(parsed.jws ?? credential, { fetchJson, now: deps.now, provided: deps.ob2Documents });
  }
  const checks: Check[] = [{ id: 'parse', ok: true }];
  checks.push(await dataModel(credential, format, deps));
  // Open Badges 3.0 (or CLR 2.0) is a profile: measured always, deciding only when claimed.
  const profile = profileChecks(credential);
  checks.push(...profile.checks);
  const clr = isClrCredential(credential);
  const issuer = issuerId(credential);

  if (format === 'jwt') checks.push(...(await jwtProof(parsed.jws!, issuer, deps)));
  else if (deps.securedByHolder !== undefined && credential.proof === undefined)
    checks.push(...selfAsserted(issuer, deps.securedByHolder));
  else {
    // Which keys signed it, may they speak for the issuer, and does every proof verify?
    const { issuerKey, proof } = await dataIntegrityProofs(credential, issuer, deps);
    checks.push(issuerKey, proof);
  }
  checks.push(validityWindow(credential, deps.now));
  const { check: statusCheck, statuses } = await status(credential, deps, issuer);
  checks.push(statusCheck);
  // The credentials inside are opened only once the transcript's own signature holds.
  if (clr)
    checks.push(
      checks.some((x) => x.id === 'proof' && x.ok)
        ? await embedded(credential, deps)
        : failedCheck('embedded', 'embedded_unchecked', detail('embeddedUnchecked')),
    );
  return {
    verified: checks.every((c) => c.ok),
    format,
    credential,
    checks,
    profiles: profile.profiles,
    ...(statuses.length ? { statuses } : {}),
  };
}

/** The key and signature checks of a self-asserted credential: its presentation's proof secures it, for its holder only (VC 2.0 §4.13.4). */
function selfAsserted(issuer: string | undefined, holder: string): [Check, Check] {
  const noOwnProof = failedCheck('proof', 'proof_missing', detail('noOwnProof'));
  if (!holder) return [failedCheck('issuer_key', 'holder_missing', detail('holderMissing')), noOwnProof];
  if (issuer !== holder)
    return [
      failedCheck(
        'issuer_key',
        'holder_mismatch',
        issuer === undefined
          ? detail('holderNotIssuerNobody', { holder })
          : detail('holderNotIssuer', { holder, issuer }),
      ),
      noOwnProof,
    ];
  return [
    checkSaying('issuer_key', true, 'self_asserted', [detail('selfAssertedKey')]),
    checkSaying('proof', true, 'self_asserted', [detail('selfAssertedProof')]),
  ];
}

/** The key and signature checks of a VC-JWT (one signature, named by the header's kid). */
async function jwtProof(
  jws: string,
  issuer: string | undefined,
  deps: VerifierDeps,
): Promise<[Check, Check]> {
  const vm = decodeVcJwt(jws).header.kid;
  if (typeof vm !== 'string' || !vm)
    return [
      failedCheck('issuer_key', 'proof_missing', detail('noVerificationMethod')),
      failedCheck('proof', 'proof_unverifiable', detail('noKey')),
    ];
  let key: ResolvedKey;
  let keyCheck: Check;
  try {
    key = await deps.resolveKey(vm);
    if (key.revoked) keyCheck = failedCheck('issuer_key', 'key_revoked', detail('keyRevoked', { key: vm }));
    else if (issuer && controllerOf(vm) !== issuer && key.controller !== issuer)
      keyCheck = failedCheck('issuer_key', 'issuer_mismatch', detail('keyNotIssuers', { key: vm, issuer }));
    else keyCheck = { id: 'issuer_key', ok: true };
  } catch (err) {
    return [
      failedCheck('issuer_key', 'key_unresolved', detailOf(err)),
      failedCheck('proof', 'proof_unverifiable', detail('noKey')),
    ];
  }
  let publicKey;
  try {
    if (key.publicKeyMultibase)
      publicKey = ed25519FromPublicBytes(decodeMultikeyPublic(key.publicKeyMultibase)).publicKey;
    else if (!key.publicKeyJwk) throw new CheckError(detail('keyUnusable'));
  } catch (err) {
    return [keyCheck, failedCheck('proof', 'unsupported_key_type', detailOf(err))];
  }
  const ok = await verifyVcJwtSignature(jws, publicKey ?? key.publicKeyJwk!);
  return [
    keyCheck,
    ok ? { id: 'proof', ok: true } : failedCheck('proof', 'proof_invalid', detail('jwsMismatch')),
  ];
}
