import { ed25519FromPublicBytes, decodeMultikeyPublic } from './ed25519.ts';
import { validateAchievementCredential, validateEndorsementCredential } from './schema.ts';
import { decodeVcJwt, verifyVcJwtSignature } from './vcJwt.ts';
import { claimsOpenBadge, credentialModelProblems, vcVersion } from './vcDataModel.ts';
import { isOb2Assertion, ob2AssertionFromJws, verifyOb2 } from './ob2.ts';
import { extractFromPng, extractFromSvg, sniffImage } from './baking/index.ts';
import { isClrCredential, validateClrCredential } from './clr.ts';
import { exceedsLimits, isBudgetExceeded, yieldToEventLoop } from './budget.ts';
import type { Check, ProfileResult, VerificationReport } from './verificationReport.ts';
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
export type { Check, ProfileResult, StatusResult, VerificationReport } from './verificationReport.ts';
export type { ResolvedKey, VerifierDeps } from './verifierDeps.ts';
export { MAX_PROOFS, proofOptionsProblem } from './verifyProofs.ts';

/** The text baked into a PNG or SVG badge image (OB 3.0, or OB 2.0 from other platforms). */
async function unbake(image: Uint8Array, deps: VerifierDeps): Promise<string | Json> {
  const kind = sniffImage(image);
  if (!kind) throw new Error('Not a JSON credential, a compact JWS, or a PNG/SVG badge image');
  const baked = kind === 'png' ? extractFromPng(image) : extractFromSvg(Buffer.from(image).toString('utf8'));
  if (!baked) throw new Error(`This ${kind.toUpperCase()} image carries no badge`);
  // OB 2.0 images may carry only the URL of a hosted assertion.
  if (/^https?:\/\//.test(baked.data.trim())) {
    if (!deps.fetchJson) throw new Error(`The badge points to ${baked.data.trim()}, which needs the network`);
    const hosted = await deps.fetchJson(baked.data.trim());
    if (!isObject(hosted)) throw new Error('The hosted assertion is not a JSON object');
    return hosted;
  }
  return baked.data;
}

/** The longest text (JSON or compact JWS) read as a credential: a badge is far smaller. */
export const MAX_INPUT_CHARS = 4_000_000;

class LimitError extends Error {
  constructor(
    readonly code: 'too_large' | 'too_deep',
    message: string,
  ) {
    super(message);
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
    throw new LimitError(
      'too_large',
      `The credential is ${input.length.toLocaleString('en')} characters long; at most ${MAX_INPUT_CHARS.toLocaleString('en')} are read`,
    );
  const text = input.trim();
  if (text.startsWith('{')) {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed)) throw new Error('The JSON is not an object');
    return { format: 'ldp', credential: parsed };
  }
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text)) {
    const ob2 = ob2AssertionFromJws(text);
    return { format: 'jwt', credential: ob2 ?? withJwtClaims(decodeVcJwt(text)), jws: text };
  }
  throw new Error('Not a JSON credential or a compact JWS');
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
      missing.push('credentialSubject (EndorsementSubject with an id)');
  } else if (!isObject(subject) || !isObject(subject.achievement))
    missing.push('credentialSubject.achievement');
  return missing.length
    ? { id: 'ob3_fields', ok: false, code: 'field_missing', message: `Missing: ${missing.join(', ')}` }
    : { id: 'ob3_fields', ok: true };
}

const MAX_EMBEDDED = 200;

async function embedded(c: Json, deps: VerifierDeps): Promise<Check> {
  const subject = isObject(c.credentialSubject) ? c.credentialSubject : {};
  const inner = Array.isArray(subject.verifiableCredential) ? subject.verifiableCredential : [];
  // Bounded work for anyone's upload: a transcript carries at most MAX_EMBEDDED credentials, and
  // a transcript inside a transcript is not opened.
  if (inner.length > MAX_EMBEDDED)
    return {
      id: 'embedded',
      ok: false,
      code: 'embedded_too_many',
      message: `A transcript carries at most ${MAX_EMBEDDED} credentials to verify here; this one has ${inner.length}`,
    };
  const failed: string[] = [];
  for (const [i, vc] of inner.entries()) {
    if (isObject(vc) && isClrCredential(vc)) {
      failed.push(`#${i + 1} is itself a transcript, which is not verified inside another`);
      continue;
    }
    // Other requests are served between the credentials of a long transcript; the budget is shared.
    await yieldToEventLoop();
    if (deps.deadline !== undefined && Date.now() > deps.deadline) {
      failed.push(`#${i + 1} and those after it were not checked: the verification ran out of time`);
      return {
        id: 'embedded',
        ok: false,
        code: 'verification_budget_exceeded',
        message: `Credentials in the transcript were not all verified: ${failed.join('; ')}`,
      };
    }
    const report = isObject(vc) ? await verifyCredential(vc, deps) : undefined;
    if (!report?.verified)
      failed.push(
        `#${i + 1} ${isObject(vc) && typeof vc.name === 'string' ? `(${vc.name}) ` : ''}${
          report?.checks
            .filter((x) => !x.ok)
            .map((x) => x.code ?? x.id)
            .join(', ') ?? 'is not an object'
        }`,
      );
  }
  return failed.length
    ? {
        id: 'embedded',
        ok: false,
        code: 'embedded_invalid',
        message: `Credentials in the transcript do not verify: ${failed.join('; ')}`,
      }
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
          message:
            'Not an Open Badge: its type names none of OpenBadgeCredential, AchievementCredential, EndorsementCredential or ClrCredential',
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
      : { id: 'schema', ok: false, code: 'schema_invalid', message: schema.errors.join('; '), profile },
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
        ...(failed.length ? { message: failed.map((x) => x.message).join('; ') } : {}),
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
      if (isBudgetExceeded(err))
        return {
          id: 'data_model',
          ok: false,
          code: 'verification_budget_exceeded',
          message: (err as Error).message,
        };
      return {
        id: 'data_model',
        ok: false,
        code: 'jsonld_invalid',
        message: `The credential is not well-formed JSON-LD: ${(err as Error).message}`,
      };
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
    if (problem) throw new LimitError(problem.code, problem.message);
  } catch (err) {
    const code = err instanceof LimitError ? err.code : 'parse_failed';
    return {
      verified: false,
      format: 'unknown',
      checks: [{ id: 'parse', ok: false, code, message: (err as Error).message }],
    };
  }
  const { credential, format } = parsed;
  if (isOb2Assertion(credential)) {
    const fetchJson =
      deps.fetchJson ??
      (async (url: string) =>
        Promise.reject(new Error(`Fetching ${url} needs the network, which is off here`)));
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
        : {
            id: 'embedded',
            ok: false,
            code: 'embedded_unchecked',
            message:
              'The transcript’s own signature does not verify, so the credentials inside were not checked',
          },
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
  if (!holder)
    return [
      {
        id: 'issuer_key',
        ok: false,
        code: 'holder_missing',
        message:
          'This credential has no proof of its own, so the presentation must name its holder, who must be its issuer',
      },
      { id: 'proof', ok: false, code: 'proof_missing', message: 'The credential has no proof of its own' },
    ];
  if (issuer !== holder)
    return [
      {
        id: 'issuer_key',
        ok: false,
        code: 'holder_mismatch',
        message: `This credential has no proof of its own, so only its holder (${holder}) may be its issuer, not ${issuer ?? 'nobody'}`,
      },
      { id: 'proof', ok: false, code: 'proof_missing', message: 'The credential has no proof of its own' },
    ];
  return [
    {
      id: 'issuer_key',
      ok: true,
      code: 'self_asserted',
      message: 'Self-asserted: issued by the holder who signed the presentation.',
    },
    {
      id: 'proof',
      ok: true,
      code: 'self_asserted',
      message: 'Secured by the holder’s signature on the presentation.',
    },
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
      { id: 'issuer_key', ok: false, code: 'proof_missing', message: 'No proof names a verification method' },
      { id: 'proof', ok: false, code: 'proof_unverifiable', message: 'No key to check the signature with' },
    ];
  let key: ResolvedKey;
  let keyCheck: Check;
  try {
    key = await deps.resolveKey(vm);
    if (key.revoked)
      keyCheck = {
        id: 'issuer_key',
        ok: false,
        code: 'key_revoked',
        message: `The issuer marked key ${vm} as compromised`,
      };
    else if (issuer && controllerOf(vm) !== issuer && key.controller !== issuer)
      keyCheck = {
        id: 'issuer_key',
        ok: false,
        code: 'issuer_mismatch',
        message: `Key ${vm} does not belong to issuer ${issuer}`,
      };
    else keyCheck = { id: 'issuer_key', ok: true };
  } catch (err) {
    return [
      { id: 'issuer_key', ok: false, code: 'key_unresolved', message: (err as Error).message },
      { id: 'proof', ok: false, code: 'proof_unverifiable', message: 'No key to check the signature with' },
    ];
  }
  let publicKey;
  try {
    if (key.publicKeyMultibase)
      publicKey = ed25519FromPublicBytes(decodeMultikeyPublic(key.publicKeyMultibase)).publicKey;
    else if (!key.publicKeyJwk)
      throw new Error('The key is neither an Ed25519 Multikey nor a JWK usable for this proof');
  } catch (err) {
    return [
      keyCheck,
      { id: 'proof', ok: false, code: 'unsupported_key_type', message: (err as Error).message },
    ];
  }
  const ok = await verifyVcJwtSignature(jws, publicKey ?? key.publicKeyJwk!);
  return [
    keyCheck,
    ok
      ? { id: 'proof', ok: true }
      : { id: 'proof', ok: false, code: 'proof_invalid', message: 'The JWS signature does not match' },
  ];
}
