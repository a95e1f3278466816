import { createHash } from 'node:crypto';
import { BoundedCache } from '../domain/boundedCache.ts';
import { ed25519FromPublicBytes, decodeMultikeyPublic } from './ed25519.ts';
import type { Canonicalizer } from './proofs/canonicalize.ts';
import { verifyEddsaRdfc2022 } from './proofs/eddsaRdfc2022.ts';
import { validateAchievementCredential, validateEndorsementCredential } from './schema.ts';
import { decodeVcJwt, verifyVcJwtSignature } from './vcJwt.ts';
import type { JWK } from 'jose';
import { decodeList, getBit } from './bitstringStatusList.ts';
import { isOb2Assertion, ob2AssertionFromJws, verifyOb2 } from './ob2.ts';
import { extractFromPng, extractFromSvg, sniffImage } from './baking/index.ts';
import { isClrCredential, validateClrCredential } from './clr.ts';

/** One concern of a verification, with a stable snake_case code when it fails. */
export interface Check {
  id: 'parse' | 'schema' | 'ob3_fields' | 'issuer_key' | 'proof' | 'validity_window' | 'status' | 'embedded';
  ok: boolean;
  code?: string;
  message?: string;
}

/** What verifying tells: never an exception, always a report. */
export interface VerificationReport {
  verified: boolean;
  format: 'ldp' | 'jwt' | 'ob2' | 'unknown';
  credential?: Record<string, unknown>;
  checks: Check[];
}

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
  /** Finds the public key for a verification method id (did:key offline; did:web and URLs as configured). */
  resolveKey(verificationMethod: string): Promise<ResolvedKey>;
  /** Loads a BitstringStatusListCredential by URL (ours from the database; others over safe HTTPS). */
  loadStatusList(url: string): Promise<Record<string, unknown>>;
  /** Fetches hosted documents for Open Badges 2.0 (SSRF-safe in production); absent = OB 2.0 hosted/signed badges cannot be checked. */
  fetchJson?(url: string): Promise<unknown>;
  /** Status the issuer keeps outside the document (Cairn's suspensions), when the verifier knows it. */
  extraStatus?(credential: Record<string, unknown>): Promise<'revoked' | 'suspended' | null>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const issuerId = (c: Json): string | undefined => (typeof c.issuer === 'string' ? c.issuer : isObject(c.issuer) && typeof c.issuer.id === 'string' ? c.issuer.id : undefined);
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

/** Reads the input: a JSON object or text, or a compact JWS. */
function parse(input: string | Json): { format: 'ldp' | 'jwt'; credential: Json; jws?: string } {
  if (isObject(input)) return { format: 'ldp', credential: input };
  const text = input.trim();
  if (text.startsWith('{')) {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed)) throw new Error('The JSON is not an object');
    return { format: 'ldp', credential: parsed };
  }
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text)) {
    const ob2 = ob2AssertionFromJws(text);
    return { format: 'jwt', credential: ob2 ?? decodeVcJwt(text).credential, jws: text };
  }
  throw new Error('Not a JSON credential or a compact JWS');
}

function requiredFields(c: Json): Check {
  const missing: string[] = [];
  const types = [c.type].flat();
  if (!types.includes('VerifiableCredential')) missing.push('type VerifiableCredential');
  const endorsement = types.includes('EndorsementCredential');
  if (!endorsement && !types.includes('OpenBadgeCredential') && !types.includes('AchievementCredential')) missing.push('type OpenBadgeCredential');
  if (![c['@context']].flat().includes('https://www.w3.org/ns/credentials/v2')) missing.push('@context VC 2.0');
  if (!issuerId(c)) missing.push('issuer.id');
  if (typeof c.validFrom !== 'string') missing.push('validFrom');
  const subject = c.credentialSubject;
  if (endorsement) {
    // An OB 3.0 EndorsementCredential: its subject is the endorsed entity (an achievement, an issuer…).
    if (!isObject(subject) || typeof subject.id !== 'string' || ![subject.type].flat().includes('EndorsementSubject')) missing.push('credentialSubject (EndorsementSubject with an id)');
  } else if (!isObject(subject) || !isObject(subject.achievement)) missing.push('credentialSubject.achievement');
  return missing.length ? { id: 'ob3_fields', ok: false, code: 'field_missing', message: `Missing: ${missing.join(', ')}` } : { id: 'ob3_fields', ok: true };
}

export function validityWindow(c: Json, now: Date): Check {
  const from = typeof c.validFrom === 'string' ? Date.parse(c.validFrom) : NaN;
  const until = typeof c.validUntil === 'string' ? Date.parse(c.validUntil) : NaN;
  if (Number.isNaN(from)) return { id: 'validity_window', ok: false, code: 'invalid_date', message: 'validFrom is not a date' };
  if (from > now.getTime()) return { id: 'validity_window', ok: false, code: 'not_yet_valid', message: `Valid from ${String(c.validFrom)}` };
  if (c.validUntil !== undefined && Number.isNaN(until)) return { id: 'validity_window', ok: false, code: 'invalid_date', message: 'validUntil is not a date' };
  if (!Number.isNaN(until) && until <= now.getTime()) return { id: 'validity_window', ok: false, code: 'expired', message: `Expired ${String(c.validUntil)}` };
  return { id: 'validity_window', ok: true };
}

/** Documents whose Data Integrity proof verified, by key and document hash. */
const verifiedProofs = new BoundedCache<string, true>(4096);

/** Decoded bits of status lists whose signature verified, by URL, key and proof value. */
const verifiedLists = new BoundedCache<string, Uint8Array>(256);

async function status(c: Json, deps: VerifierDeps, issuer: string | undefined): Promise<Check> {
  const entries = [c.credentialStatus].flat().filter(isObject);
  for (const entry of entries) {
    if (entry.type !== 'BitstringStatusListEntry') continue;
    const purpose = entry.statusPurpose;
    const url = entry.statusListCredential;
    const index = Number(entry.statusListIndex);
    if (typeof url !== 'string' || !Number.isInteger(index) || index < 0) return { id: 'status', ok: false, code: 'status_malformed', message: 'A status entry lacks its list or index' };
    let bit: boolean;
    try {
      const list = await deps.loadStatusList(url);
      const subject = list.credentialSubject;
      if (!isObject(subject) || typeof subject.encodedList !== 'string') throw new Error('not a BitstringStatusListCredential');
      if (issuer && issuerId(list) !== issuer) throw new Error('the status list has another issuer');
      const listProof = [list.proof].flat().find(isObject);
      if (!listProof || typeof listProof.verificationMethod !== 'string') throw new Error('the status list is not signed');
      const key = await deps.resolveKey(listProof.verificationMethod);
      if (!key.publicKeyMultibase) throw new Error('the status list is signed with a key that is not Ed25519');
      // A list already verified under the same URL, key and signature value decodes to the same
      // bits: keep them (the bits of the list that verified, never of what was presented).
      const memoKey = `${url}\n${key.publicKeyMultibase}\n${String(listProof.proofValue)}`;
      let bits = verifiedLists.get(memoKey);
      if (!bits) {
        const ok = await verifyEddsaRdfc2022(list, listProof, ed25519FromPublicBytes(decodeMultikeyPublic(key.publicKeyMultibase)).publicKey, deps.canonicalizer);
        if (!ok.ok) throw new Error(`its signature does not verify (${ok.code})`);
        bits = decodeList(subject.encodedList);
        verifiedLists.set(memoKey, bits);
      }
      bit = getBit(bits, index);
    } catch (err) {
      return { id: 'status', ok: false, code: 'status_unavailable', message: `Cannot check status at ${url}: ${(err as Error).message}` };
    }
    if (bit && purpose === 'revocation') return { id: 'status', ok: false, code: 'revoked', message: 'The issuer revoked this credential' };
    if (bit && purpose === 'suspension') return { id: 'status', ok: false, code: 'suspended', message: 'The issuer suspended this credential' };
  }
  const extra = await deps.extraStatus?.(c);
  if (extra === 'revoked') return { id: 'status', ok: false, code: 'revoked', message: 'The issuer revoked this credential' };
  if (extra === 'suspended') return { id: 'status', ok: false, code: 'suspended', message: 'The issuer suspended this credential' };
  return { id: 'status', ok: true };
}

/** Verifies every credential a CLR carries: the transcript is only as good as each of them. */
const MAX_EMBEDDED = 200;

async function embedded(c: Json, deps: VerifierDeps): Promise<Check> {
  const subject = isObject(c.credentialSubject) ? c.credentialSubject : {};
  const inner = Array.isArray(subject.verifiableCredential) ? subject.verifiableCredential : [];
  // Bounded work for anyone's upload: a transcript carries at most MAX_EMBEDDED credentials, and
  // a transcript inside a transcript is not opened.
  if (inner.length > MAX_EMBEDDED) return { id: 'embedded', ok: false, code: 'embedded_too_many', message: `A transcript carries at most ${MAX_EMBEDDED} credentials to verify here; this one has ${inner.length}` };
  const failed: string[] = [];
  for (const [i, vc] of inner.entries()) {
    if (isObject(vc) && isClrCredential(vc)) {
      failed.push(`#${i + 1} is itself a transcript, which is not verified inside another`);
      continue;
    }
    const report = isObject(vc) ? await verifyCredential(vc, deps) : undefined;
    if (!report?.verified) failed.push(`#${i + 1} ${isObject(vc) && typeof vc.name === 'string' ? `(${vc.name}) ` : ''}${report?.checks.filter((x) => !x.ok).map((x) => x.code ?? x.id).join(', ') ?? 'is not an object'}`);
  }
  return failed.length ? { id: 'embedded', ok: false, code: 'embedded_invalid', message: `Credentials in the transcript do not verify: ${failed.join('; ')}` } : { id: 'embedded', ok: true };
}

/** Verifies a credential (embedded eddsa-rdfc-2022 proof or VC-JWT) and reports every check. */
export async function verifyCredential(input: string | Json | Uint8Array, deps: VerifierDeps): Promise<VerificationReport> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(input instanceof Uint8Array ? await unbake(input, deps) : input);
  } catch (err) {
    return { verified: false, format: 'unknown', checks: [{ id: 'parse', ok: false, code: 'parse_failed', message: (err as Error).message }] };
  }
  const { credential, format } = parsed;
  if (isOb2Assertion(credential)) {
    const fetchJson = deps.fetchJson ?? (async (url: string) => Promise.reject(new Error(`Fetching ${url} needs the network, which is off here`)));
    return verifyOb2(parsed.jws ?? credential, { fetchJson, now: deps.now });
  }
  const checks: Check[] = [{ id: 'parse', ok: true }];
  // A CLR 2.0 ClrCredential (a transcript) is checked against the CLR data model, and each credential it carries is verified too.
  const clr = isClrCredential(credential);
  const schema = clr ? validateClrCredential(credential) : [credential.type].flat().includes('EndorsementCredential') ? validateEndorsementCredential(credential) : validateAchievementCredential(credential);
  checks.push(schema.valid ? { id: 'schema', ok: true } : { id: 'schema', ok: false, code: 'schema_invalid', message: schema.errors.join('; ') });
  if (!clr) checks.push(requiredFields(credential));
  const issuer = issuerId(credential);

  // Which key signed it, and may that key speak for the issuer?
  let vm: string | undefined;
  let proof: Json | undefined;
  if (format === 'jwt') vm = decodeVcJwt(parsed.jws!).header.kid;
  else {
    proof = [credential.proof].flat().find(isObject);
    vm = typeof proof?.verificationMethod === 'string' ? proof.verificationMethod : undefined;
  }
  let key: ResolvedKey | undefined;
  if (!vm) checks.push({ id: 'issuer_key', ok: false, code: 'proof_missing', message: 'No proof names a verification method' });
  else {
    try {
      key = await deps.resolveKey(vm);
      if (key.revoked) checks.push({ id: 'issuer_key', ok: false, code: 'key_revoked', message: `The issuer marked key ${vm} as compromised` });
      else if (issuer && controllerOf(vm) !== issuer && key.controller !== issuer) checks.push({ id: 'issuer_key', ok: false, code: 'issuer_mismatch', message: `Key ${vm} does not belong to issuer ${issuer}` });
      else checks.push({ id: 'issuer_key', ok: true });
    } catch (err) {
      checks.push({ id: 'issuer_key', ok: false, code: 'key_unresolved', message: (err as Error).message });
    }
  }

  if (!key) checks.push({ id: 'proof', ok: false, code: 'proof_unverifiable', message: 'No key to check the signature with' });
  else {
    let publicKey;
    try {
      if (key.publicKeyMultibase) publicKey = ed25519FromPublicBytes(decodeMultikeyPublic(key.publicKeyMultibase)).publicKey;
      else if (!(format === 'jwt' && key.publicKeyJwk)) throw new Error('The key is neither an Ed25519 Multikey nor a JWK usable for this proof');
    } catch (err) {
      checks.push({ id: 'proof', ok: false, code: 'unsupported_key_type', message: (err as Error).message });
    }
    if (!publicKey && !(format === 'jwt' && key.publicKeyJwk)) {
      // reported above
    } else if (format === 'jwt') {
      const ok = await verifyVcJwtSignature(parsed.jws!, publicKey ?? key.publicKeyJwk!);
      checks.push(ok ? { id: 'proof', ok: true } : { id: 'proof', ok: false, code: 'proof_invalid', message: 'The JWS signature does not match' });
    } else {
      // The same document (by hash) under the same key verifies the same way: remember successes.
      const memoKey = `${key.publicKeyMultibase}\n${createHash('sha256').update(JSON.stringify(credential)).digest('base64')}`;
      if (verifiedProofs.get(memoKey)) checks.push({ id: 'proof', ok: true });
      else {
        const r = await verifyEddsaRdfc2022(credential, proof!, publicKey!, deps.canonicalizer);
        if (r.ok) verifiedProofs.set(memoKey, true);
        checks.push(r.ok ? { id: 'proof', ok: true } : { id: 'proof', ok: false, code: r.code, message: r.message });
      }
    }
  }
  checks.push(validityWindow(credential, deps.now));
  checks.push(await status(credential, deps, issuer));
  // The credentials inside are opened only once the transcript's own signature holds.
  if (clr) checks.push(checks.some((x) => x.id === 'proof' && x.ok) ? await embedded(credential, deps) : { id: 'embedded', ok: false, code: 'embedded_unchecked', message: 'The transcript’s own signature does not verify, so the credentials inside were not checked' });
  return { verified: checks.every((c) => c.ok), format, credential, checks };
}
