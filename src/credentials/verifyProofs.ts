import { createHash } from 'node:crypto';
import { BoundedCache } from '../domain/boundedCache.ts';
import { ed25519FromPublicBytes, decodeMultikeyPublic } from './ed25519.ts';
import { verifyEddsaRdfc2022 } from './proofs/eddsaRdfc2022.ts';
import { isDateTimeStamp, isUrl, parseDateTime } from './vcDataModel.ts';
import { checkDeadline, isBudgetExceeded, yieldToEventLoop } from './budget.ts';
import type { Check } from './verificationReport.ts';
import { controllerOf, isObject, type Json, type ResolvedKey, type VerifierDeps } from './verifierDeps.ts';

/** Documents whose Data Integrity proof verified, by key and document hash. */
const verifiedProofs = new BoundedCache<string, true>(4096);

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
// eslint-disable-next-line max-lines-per-function -- the Data Integrity verify algorithm, step by step in the spec order (proof set and chain, options, key, hash, signature)
export async function dataIntegrityProofs(
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
