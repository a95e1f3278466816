import { createHash } from 'node:crypto';
import { BoundedCache } from '../domain/boundedCache.ts';
import { ed25519FromPublicBytes, decodeMultikeyPublic } from './ed25519.ts';
import type { Canonicalizer } from './proofs/canonicalize.ts';
import { verifyEddsaRdfc2022 } from './proofs/eddsaRdfc2022.ts';
import { validateAchievementCredential, validateEndorsementCredential } from './schema.ts';
import { decodeVcJwt, verifyVcJwtSignature } from './vcJwt.ts';
import type { JWK } from 'jose';
import { decodeList, MIN_STATUS_LIST_SIZE, readStatusEntry, statusValue } from './bitstringStatusList.ts';
import {
  claimsOpenBadge,
  credentialModelProblems,
  isDateTimeStamp,
  isUrl,
  parseDateTime,
  vcVersion,
} from './vcDataModel.ts';
import { isOb2Assertion, ob2AssertionFromJws, verifyOb2 } from './ob2.ts';
import { extractFromPng, extractFromSvg, sniffImage } from './baking/index.ts';
import { isClrCredential, validateClrCredential } from './clr.ts';
import { checkDeadline, exceedsLimits, isBudgetExceeded, yieldToEventLoop } from './budget.ts';
import type { Check, ProfileResult, StatusResult, VerificationReport } from './verificationReport.ts';
export type { Check, ProfileResult, StatusResult, VerificationReport } from './verificationReport.ts';

export interface ResolvedKey {
  /** An Ed25519 key (z6Mk…), for Data Integrity proofs and EdDSA JWTs. */
  publicKeyMultibase?: string;
  /** A JWK (RSA for RS256 JWTs, or OKP Ed25519). */
  publicKeyJwk?: JWK;
  controller: string;
  /** True when the key's owner has marked it compromised. */
  revoked?: boolean;
}

export interface VerifierDeps {
  canonicalizer: Canonicalizer;
  now: Date;
  /**
   * Date.now() time by which the verification must be done (see budget.ts); a step that would
   * run past it stops and reports `verification_budget_exceeded`. Absent: no time limit.
   */
  deadline?: number;
  /** Finds the public key for a verification method id (did:key offline; did:web and URLs as configured). */
  resolveKey(verificationMethod: string): Promise<ResolvedKey>;
  /** Loads a BitstringStatusListCredential by URL (ours from the database; others over safe HTTPS). */
  loadStatusList(url: string): Promise<Record<string, unknown>>;
  /** Fetches hosted documents for Open Badges 2.0 (SSRF-safe in production); absent = OB 2.0 hosted/signed badges cannot be checked. */
  fetchJson?(url: string): Promise<unknown>;
  /**
   * Set when the credential is presented inside a presentation whose proof verified: the
   * presentation's holder (empty when it names none). A credential with no proof of its own is
   * then a self-asserted one, secured by that proof, and valid only when its issuer is the holder.
   */
  securedByHolder?: string;
  /** Open Badges 2.0 documents handed over with the badge (an issuer key document), by id: used instead of fetching. */
  ob2Documents?: ReadonlyMap<string, Json>;
  /** Status the issuer keeps outside the document (Cairn's suspensions), when the verifier knows it. */
  extraStatus?(credential: Record<string, unknown>): Promise<'revoked' | 'suspended' | null>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const issuerId = (c: Json): string | undefined =>
  typeof c.issuer === 'string'
    ? c.issuer
    : isObject(c.issuer) && typeof c.issuer.id === 'string'
      ? c.issuer.id
      : undefined;
const controllerOf = (vm: string) => vm.split('#')[0]!;

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

/**
 * Whether now is inside the credential's validity period: validFrom/validUntil (VC 2.0, both
 * optional), or issuanceDate/expirationDate (VC 1.1). Their form is the data model's concern;
 * a date that cannot be read is reported here too, since no window can be told from it.
 */
export function validityWindow(c: Json, now: Date): Check {
  const v11 = vcVersion(c) === '1.1';
  const [fromField, untilField] = v11 ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  const from = parseDateTime(c[fromField], { zoneOptional: v11 });
  const until = parseDateTime(c[untilField], { zoneOptional: v11 });
  if (c[fromField] !== undefined && Number.isNaN(from))
    return {
      id: 'validity_window',
      ok: false,
      code: 'invalid_date',
      message: `${fromField} is not a date and time (XML Schema dateTimeStamp)`,
    };
  if (c[untilField] !== undefined && Number.isNaN(until))
    return {
      id: 'validity_window',
      ok: false,
      code: 'invalid_date',
      message: `${untilField} is not a date and time (XML Schema dateTimeStamp)`,
    };
  if (from > now.getTime())
    return {
      id: 'validity_window',
      ok: false,
      code: 'not_yet_valid',
      message: `Valid from ${String(c[fromField])}`,
    };
  if (until <= now.getTime())
    return { id: 'validity_window', ok: false, code: 'expired', message: `Expired ${String(c[untilField])}` };
  return { id: 'validity_window', ok: true };
}

/** Documents whose Data Integrity proof verified, by key and document hash. */
const verifiedProofs = new BoundedCache<string, true>(4096);

/** Status entries checked per credential (each may load a list). */
const MAX_STATUS_ENTRIES = 8;

/** Decoded bits of status lists whose signatures verified, by URL and document hash. */
const verifiedLists = new BoundedCache<string, Uint8Array>(256);

/** A status list that cannot be used, with the Bitstring Status List error it stands for. */
class StatusError extends Error {
  constructor(
    readonly code:
      | 'status_unavailable'
      | 'status_unverifiable'
      | 'status_list_too_short'
      | 'status_out_of_range'
      | 'verification_budget_exceeded',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Loads and checks one status list credential as the Validate Algorithm says: retrieved
 * (STATUS_RETRIEVAL_ERROR), every proof verified with one by the credential's issuer, its own id
 * (when it gives one) the URL it was fetched by, inside its validity period, and the entry's
 * purpose among its purposes (STATUS_VERIFICATION_ERROR); then its bits (at least 16 KB,
 * STATUS_LIST_LENGTH_ERROR).
 */
async function loadList(
  url: string,
  purpose: string,
  issuer: string | undefined,
  deps: VerifierDeps,
): Promise<Uint8Array> {
  checkDeadline(deps.deadline, 'Checking the status');
  let list: Json;
  try {
    const loaded: unknown = await deps.loadStatusList(url);
    if (!isObject(loaded)) throw new Error('it is not a JSON object');
    list = loaded;
  } catch (err) {
    if (isBudgetExceeded(err)) throw err;
    throw new StatusError('status_unavailable', `Cannot check status at ${url}: ${(err as Error).message}`);
  }
  const fail = (message: string) =>
    new StatusError('status_unverifiable', `Cannot check status at ${url}: ${message}`);
  // A list from elsewhere is as untrusted as the credential: the same bounds.
  const problem = exceedsLimits(list);
  if (problem) throw fail(problem.message);
  const subject = list.credentialSubject;
  if (
    ![list.type].flat().includes('BitstringStatusListCredential') ||
    !isObject(subject) ||
    typeof subject.encodedList !== 'string'
  )
    throw fail('not a BitstringStatusListCredential');
  if (list.id !== undefined && list.id !== url)
    throw fail(`the list says it is ${String(list.id).slice(0, 200)}, not the list the credential names`);
  const listIssuer = issuerId(list);
  if (issuer && listIssuer !== issuer) throw fail('the status list has another issuer');
  if (!isObject([list.proof].flat()[0])) throw fail('the status list is not signed');
  // Every proof of the list verifies (proof sets as for credentials), one by the issuer's key;
  // the bits of a list that verified are kept by its hash (never those of what was presented).
  const memoKey = `${url}\n${createHash('sha256').update(JSON.stringify(list)).digest('base64')}`;
  const { issuerKey, proof } = await dataIntegrityProofs(list, listIssuer, deps);
  if (proof.code === 'verification_budget_exceeded')
    throw new StatusError('verification_budget_exceeded', `Cannot check status at ${url}: ${proof.message}`);
  if (!proof.ok)
    throw fail(
      proof.code === 'proof_invalid'
        ? `its signature does not verify (${proof.code})`
        : (proof.message ?? proof.code ?? 'its proof does not verify'),
    );
  // As before proof sets: the list's issuer is checked by name above; a list signed before its
  // key was retired still tells the bits it signed.
  if (!issuerKey.ok && issuerKey.code !== 'key_revoked' && issuerKey.code !== 'issuer_mismatch')
    throw fail(`its key cannot be used (${issuerKey.message})`);
  const window = validityWindow(list, deps.now);
  if (!window.ok) throw fail(`the list itself is not valid now (${window.message})`);
  const purposes = [subject.statusPurpose].flat();
  if (!purposes.includes(purpose))
    throw fail(`the list is for ${purposes.map(String).join(', ') || 'no purpose'}, not ${purpose}`);
  let bits = verifiedLists.get(memoKey);
  if (!bits) {
    try {
      bits = decodeList(subject.encodedList);
    } catch (err) {
      throw fail(`its encodedList cannot be read (${(err as Error).message})`);
    }
    verifiedLists.set(memoKey, bits);
  }
  if (bits.length * 8 < MIN_STATUS_LIST_SIZE)
    throw new StatusError(
      'status_list_too_short',
      `The status list at ${url} has ${bits.length * 8} entries; a list must have at least ${MIN_STATUS_LIST_SIZE.toLocaleString('en')} (16 KB) so that it hides who is on it`,
    );
  return bits;
}

/**
 * Checks every status entry of a credential (Bitstring Status List: revocation, suspension,
 * refresh and message purposes; statusSize and statusMessage), then the status the issuer keeps
 * outside the document. A revoked or suspended value fails the check; refresh and message values
 * are reported with the issuer's message.
 */
async function status(
  c: Json,
  deps: VerifierDeps,
  issuer: string | undefined,
): Promise<{ check: Check; statuses: StatusResult[] }> {
  const raw = c.credentialStatus === undefined ? [] : [c.credentialStatus].flat();
  const statuses: StatusResult[] = [];
  const done = (check: Check) => ({ check, statuses });
  if (raw.length > MAX_STATUS_ENTRIES)
    return done({
      id: 'status',
      ok: false,
      code: 'status_malformed',
      message: `The credential has ${raw.length} status entries; at most ${MAX_STATUS_ENTRIES} are checked`,
    });
  const notes: string[] = [];
  const unknown: string[] = [];
  for (const entry of raw) {
    if (!isObject(entry))
      return done({
        id: 'status',
        ok: false,
        code: 'status_malformed',
        message: 'A credentialStatus entry is not an object',
      });
    if (entry.type !== 'BitstringStatusListEntry') {
      unknown.push(String([entry.type].flat()[0] ?? 'without a type'));
      continue;
    }
    const read = readStatusEntry(entry);
    if ('malformed' in read)
      return done({
        id: 'status',
        ok: false,
        code: 'status_malformed',
        message: `A status entry is malformed: ${read.malformed}`,
      });
    const result: StatusResult = {
      purpose: read.purpose,
      list: read.listUrl,
      index: read.index,
      ...(read.references.length ? { references: read.references } : {}),
    };
    statuses.push(result);
    let value: number;
    try {
      const bits = await loadList(read.listUrl, read.purpose, issuer, deps);
      try {
        value = statusValue(bits, read.index, read.size);
      } catch (err) {
        throw new StatusError(
          'status_out_of_range',
          `Cannot check status at ${read.listUrl}: ${(err as Error).message}`,
        );
      }
    } catch (err) {
      if (isBudgetExceeded(err))
        return done({
          id: 'status',
          ok: false,
          code: 'verification_budget_exceeded',
          message: (err as Error).message,
        });
      if (err instanceof StatusError)
        return done({ id: 'status', ok: false, code: err.code, message: err.message });
      return done({
        id: 'status',
        ok: false,
        code: 'status_unavailable',
        message: `Cannot check status at ${read.listUrl}: ${(err as Error).message}`,
      });
    }
    result.value = value;
    const message = read.messages.get(value);
    if (message !== undefined) result.message = message;
    const said = message !== undefined ? ` (“${message}”)` : '';
    if (value !== 0 && read.purpose === 'revocation')
      return done({
        id: 'status',
        ok: false,
        code: 'revoked',
        message: `The issuer revoked this credential${said}`,
      });
    if (value !== 0 && read.purpose === 'suspension')
      return done({
        id: 'status',
        ok: false,
        code: 'suspended',
        message: `The issuer suspended this credential${said}`,
      });
    if (read.purpose === 'message' && (message !== undefined || value !== 0))
      notes.push(`Status message: ${message ?? `value 0x${value.toString(16)}`}.`);
    if (read.purpose === 'refresh' && value !== 0)
      notes.push(`The issuer has a newer version of this credential${said}.`);
  }
  const extra = await deps.extraStatus?.(c);
  if (extra === 'revoked')
    return done({ id: 'status', ok: false, code: 'revoked', message: 'The issuer revoked this credential' });
  if (extra === 'suspended')
    return done({
      id: 'status',
      ok: false,
      code: 'suspended',
      message: 'The issuer suspended this credential',
    });
  if (unknown.length) notes.push(`Status of type ${unknown.join(', ')} is not checked here.`);
  return done(
    notes.length ? { id: 'status', ok: true, message: notes.join(' ') } : { id: 'status', ok: true },
  );
}

/** Verifies every credential a CLR carries: the transcript is only as good as each of them. */
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
export const MAX_PROOFS = 8;

const label = (i: number, n: number) => (n > 1 ? `Proof ${i + 1} of ${n}: ` : '');
/** A message about one proof: "Proof 2 of 3: it …", or "It …" when there is just one. */
const about = (at: string, text: string) =>
  at ? `${at}${text}` : `${text[0]!.toUpperCase()}${text.slice(1)}`;

/**
 * The Data Integrity proofs of a document, verified as W3C Data Integrity says for proof sets and
 * chains: every proof must verify (one that cannot — unknown cryptosuite, unknown or revoked key,
 * bad value — makes the document not verified, and the check says which); a proof with
 * `previousProof` is verified over the document with the proofs it names (which must exist) as
 * its `proof`. At least one proof must be made with a key of the issuer.
 */
async function dataIntegrityProofs(
  document: Json,
  issuer: string | undefined,
  deps: VerifierDeps,
  purpose = 'assertionMethod',
): Promise<{ issuerKey: Check; proof: Check }> {
  const raw = document.proof;
  const proofs = raw === undefined ? [] : [raw].flat();
  if (proofs.length === 0 || (proofs.length === 1 && !isObject(proofs[0]))) {
    return {
      issuerKey: {
        id: 'issuer_key',
        ok: false,
        code: 'proof_missing',
        message: 'No proof names a verification method',
      },
      proof: {
        id: 'proof',
        ok: false,
        code: 'proof_unverifiable',
        message: 'No key to check the signature with',
      },
    };
  }
  if (proofs.length > MAX_PROOFS) {
    const message = `The credential carries ${proofs.length} proofs; at most ${MAX_PROOFS} are checked, so it cannot be verified here`;
    return {
      issuerKey: { id: 'issuer_key', ok: false, code: 'too_many_proofs', message },
      proof: { id: 'proof', ok: false, code: 'too_many_proofs', message },
    };
  }
  const { proof: _all, ...unsecured } = document;
  const byId = new Map<string, Json>();
  for (const p of proofs) if (isObject(p) && typeof p.id === 'string') byId.set(p.id, p);
  const keyFailures: Check[] = [];
  const proofFailures: Check[] = [];
  let issuerSigned = false;
  let mismatch: Check | undefined;
  const keys = new Map<string, Promise<ResolvedKey>>();
  const docHash = createHash('sha256').update(JSON.stringify(document)).digest('base64');

  for (const [i, p] of proofs.entries()) {
    const at = label(i, proofs.length);
    if (!isObject(p) || typeof p.verificationMethod !== 'string') {
      keyFailures.push({
        id: 'issuer_key',
        ok: false,
        code: 'proof_missing',
        message: about(at, 'it names no verification method'),
      });
      proofFailures.push({
        id: 'proof',
        ok: false,
        code: 'proof_malformed',
        message: about(at, 'it is not a proof with a verification method'),
      });
      continue;
    }
    const vm = p.verificationMethod;
    const options = proofOptionsProblem(p, document, purpose, deps.now);
    if (options) {
      proofFailures.push({ id: 'proof', ok: false, code: options.code, message: about(at, options.message) });
      continue;
    }
    // A chain: the proofs this one follows must be in the set; the signature covers them.
    let previous: Json[] = [];
    if (p.previousProof !== undefined) {
      const ids = [p.previousProof].flat();
      if (ids.length > MAX_PROOFS || !ids.every((x): x is string => typeof x === 'string')) {
        proofFailures.push({
          id: 'proof',
          ok: false,
          code: 'proof_chain_broken',
          message: about(at, 'its previousProof must name proofs by id'),
        });
        continue;
      }
      const missing = ids.filter((x) => !byId.has(x) || byId.get(x) === p);
      if (missing.length) {
        proofFailures.push({
          id: 'proof',
          ok: false,
          code: 'proof_chain_broken',
          message: about(
            at,
            `it follows ${missing.join(', ')}, which is not another proof of this credential`,
          ),
        });
        continue;
      }
      previous = ids.map((x) => byId.get(x)!);
    }
    let key: ResolvedKey;
    try {
      checkDeadline(deps.deadline, 'Resolving the key');
      if (!keys.has(vm)) keys.set(vm, deps.resolveKey(vm));
      key = await keys.get(vm)!;
    } catch (err) {
      if (isBudgetExceeded(err)) {
        proofFailures.push({
          id: 'proof',
          ok: false,
          code: 'verification_budget_exceeded',
          message: `${at}${(err as Error).message}`,
        });
        continue;
      }
      keyFailures.push({
        id: 'issuer_key',
        ok: false,
        code: 'key_unresolved',
        message: `${at}${(err as Error).message}`,
      });
      proofFailures.push({
        id: 'proof',
        ok: false,
        code: 'proof_unverifiable',
        message: about(at, 'no key to check the signature with'),
      });
      continue;
    }
    if (key.revoked)
      keyFailures.push({
        id: 'issuer_key',
        ok: false,
        code: 'key_revoked',
        message: `${at}The issuer marked key ${vm} as compromised`,
      });
    else if (!issuer || controllerOf(vm) === issuer || key.controller === issuer) issuerSigned = true;
    else
      mismatch ??= {
        id: 'issuer_key',
        ok: false,
        code: 'issuer_mismatch',
        message: `${at}Key ${vm} does not belong to issuer ${issuer}`,
      };

    let publicKey;
    try {
      if (!key.publicKeyMultibase)
        throw new Error('The key is neither an Ed25519 Multikey nor a JWK usable for this proof');
      publicKey = ed25519FromPublicBytes(decodeMultikeyPublic(key.publicKeyMultibase)).publicKey;
    } catch (err) {
      proofFailures.push({
        id: 'proof',
        ok: false,
        code: 'unsupported_key_type',
        message: `${at}${(err as Error).message}`,
      });
      continue;
    }
    // The same document (by hash) under the same key and proof verifies the same way: remember successes.
    const memoKey = `${key.publicKeyMultibase}\n${docHash}\n${i}`;
    if (verifiedProofs.get(memoKey)) continue;
    // Let other requests through between signatures of a long verification.
    if (i > 0) await yieldToEventLoop();
    const r = await verifyEddsaRdfc2022(unsecured, p, publicKey, deps.canonicalizer, {
      deadline: deps.deadline,
      previousProofs: previous,
    });
    if (r.ok) verifiedProofs.set(memoKey, true);
    else if (r.code === 'proof_malformed' && r.message.startsWith(CANNOT_CANONICALIZE)) {
      // JSON-LD in safe mode: a term no context defines, a relative IRI … is an error, never dropped.
      proofFailures.push({
        id: 'proof',
        ok: false,
        code: 'jsonld_invalid',
        message: about(
          at,
          `the document is not well-formed JSON-LD, so what it says cannot be signed or checked: ${r.message.slice(CANNOT_CANONICALIZE.length).replace(/^:\s*/, '')}`,
        ),
      });
    } else proofFailures.push({ id: 'proof', ok: false, code: r.code, message: `${at}${r.message}` });
  }
  const issuerKey =
    keyFailures[0] ??
    (issuerSigned
      ? { id: 'issuer_key', ok: true }
      : (mismatch ?? {
          id: 'issuer_key',
          ok: false,
          code: 'issuer_mismatch',
          message: `No proof is made with a key of issuer ${issuer}`,
        }));
  const proof: Check =
    proofFailures.length === 0
      ? { id: 'proof', ok: true }
      : proofFailures.length === 1
        ? proofFailures[0]!
        : { ...proofFailures[0]!, message: proofFailures.map((f) => f.message).join(' ') };
  return { issuerKey, proof };
}

const CANNOT_CANONICALIZE = 'The document cannot be canonicalized';

/**
 * The proof options a Data Integrity verifier checks before the signature: the purpose expected
 * here, `created` and `expires` as XML Schema dateTimeStamps (and not expired), a verification
 * method URL, and a proof `@context` (when it has one) that the document's contexts begin with.
 */
export function proofOptionsProblem(
  proof: Json,
  document: Json,
  purpose: string,
  now: Date,
): { code: string; message: string } | null {
  if (!isUrl(proof.verificationMethod))
    return { code: 'proof_malformed', message: 'its verificationMethod is not a URL' };
  if (proof.proofPurpose !== purpose)
    return {
      code: 'proof_purpose_mismatch',
      message: `its proofPurpose is ${JSON.stringify(proof.proofPurpose) ?? 'missing'}, where ${purpose} is expected`,
    };
  if (proof.created !== undefined && !isDateTimeStamp(proof.created))
    return { code: 'proof_malformed', message: 'its created date is not an XML Schema dateTimeStamp' };
  if (proof.expires !== undefined) {
    const expires = parseDateTime(proof.expires);
    if (Number.isNaN(expires))
      return { code: 'proof_malformed', message: 'its expires date is not an XML Schema dateTimeStamp' };
    if (expires <= now.getTime())
      return { code: 'proof_expired', message: `it expired ${String(proof.expires)}` };
  }
  if (proof['@context'] !== undefined) {
    const own = [proof['@context']].flat();
    const doc = [document['@context']].flat();
    if (own.some((c, i) => JSON.stringify(c) !== JSON.stringify(doc[i])))
      return {
        code: 'proof_malformed',
        message: 'its @context is not the beginning of the document’s @context',
      };
  }
  return null;
}

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
      message: 'Self-asserted: issued by the holder who signed the presentation.',
    },
    { id: 'proof', ok: true, message: 'Secured by the holder’s signature on the presentation.' },
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
