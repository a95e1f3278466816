import { createHash } from 'node:crypto';
import { BoundedCache } from '../domain/boundedCache.ts';
import { ed25519FromPublicBytes, decodeMultikeyPublic } from './ed25519.ts';
import { verifyEddsaRdfc2022 } from './proofs/eddsaRdfc2022.ts';
import { isDateTimeStamp, isUrl, parseDateTime } from './vcDataModel.ts';
import { checkDeadline, isBudgetExceeded, yieldToEventLoop } from './budget.ts';
import { failedCheck, type Check } from './verificationReport.ts';
import { CheckError, detail, detailOf, detailText, libraryText, type CheckDetail } from './checkMessages.ts';
import { controllerOf, isObject, type Json, type ResolvedKey, type VerifierDeps } from './verifierDeps.ts';

/** Documents whose Data Integrity proof verified, by key and document hash. */
const verifiedProofs = new BoundedCache<string, true>(4096);

export const MAX_PROOFS = 8;

/** What is said about one proof of a set: "Proof 2 of 3: It …", or just "It …" when there is one. */
export const aboutProof = (i: number, n: number, said: CheckDetail): CheckDetail =>
  n > 1 ? detail('proofAt', { proof: i + 1, proofs: n, text: said }) : said;

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
      issuerKey: failedCheck('issuer_key', 'proof_missing', detail('noVerificationMethod')),
      proof: failedCheck('proof', 'proof_unverifiable', detail('noKey')),
    };
  }
  if (proofs.length > MAX_PROOFS) {
    const said = detail('tooManyProofs', { count: proofs.length, max: MAX_PROOFS });
    return {
      issuerKey: failedCheck('issuer_key', 'too_many_proofs', said),
      proof: failedCheck('proof', 'too_many_proofs', said),
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
    const at = (said: CheckDetail) => aboutProof(i, proofs.length, said);
    if (!isObject(p) || typeof p.verificationMethod !== 'string') {
      keyFailures.push(failedCheck('issuer_key', 'proof_missing', at(detail('namesNoVerificationMethod'))));
      proofFailures.push(failedCheck('proof', 'proof_malformed', at(detail('notAProof'))));
      continue;
    }
    const vm = p.verificationMethod;
    const options = proofOptionsProblem(p, document, purpose, deps.now);
    if (options) {
      proofFailures.push(failedCheck('proof', options.code, at(options.detail)));
      continue;
    }
    // A chain: the proofs this one follows must be in the set; the signature covers them.
    let previous: Json[] = [];
    if (p.previousProof !== undefined) {
      const ids = [p.previousProof].flat();
      if (ids.length > MAX_PROOFS || !ids.every((x): x is string => typeof x === 'string')) {
        proofFailures.push(failedCheck('proof', 'proof_chain_broken', at(detail('previousNotIds'))));
        continue;
      }
      const missing = ids.filter((x) => !byId.has(x) || byId.get(x) === p);
      if (missing.length) {
        proofFailures.push(
          failedCheck('proof', 'proof_chain_broken', at(detail('previousMissing', { ids: missing }))),
        );
        continue;
      }
      previous = ids.map((x) => byId.get(x)!);
    }
    let key: ResolvedKey;
    try {
      checkDeadline(deps.deadline, 'key');
      if (!keys.has(vm)) keys.set(vm, deps.resolveKey(vm));
      key = await keys.get(vm)!;
    } catch (err) {
      if (isBudgetExceeded(err)) {
        proofFailures.push(failedCheck('proof', 'verification_budget_exceeded', at(err.detail)));
        continue;
      }
      keyFailures.push(failedCheck('issuer_key', 'key_unresolved', at(detailOf(err))));
      proofFailures.push(failedCheck('proof', 'proof_unverifiable', at(detail('noKey'))));
      continue;
    }
    if (key.revoked)
      keyFailures.push(failedCheck('issuer_key', 'key_revoked', at(detail('keyRevoked', { key: vm }))));
    else if (!issuer || controllerOf(vm) === issuer || key.controller === issuer) issuerSigned = true;
    else
      mismatch ??= failedCheck(
        'issuer_key',
        'issuer_mismatch',
        at(detail('keyNotIssuers', { key: vm, issuer })),
      );

    let publicKey;
    try {
      if (!key.publicKeyMultibase) throw new CheckError(detail('keyUnusable'));
      publicKey = ed25519FromPublicBytes(decodeMultikeyPublic(key.publicKeyMultibase)).publicKey;
    } catch (err) {
      const said =
        err instanceof CheckError ? err.detail : detail('keyUnusable', undefined, libraryText(err));
      proofFailures.push(failedCheck('proof', 'unsupported_key_type', at(said)));
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
    // JSON-LD in safe mode: a term no context defines, a relative IRI … is an error, never dropped.
    else
      proofFailures.push(
        failedCheck('proof', r.cannotCanonicalize ? 'jsonld_invalid' : r.code, at(r.detail)),
      );
  }
  const issuerKey =
    keyFailures[0] ??
    (issuerSigned
      ? { id: 'issuer_key', ok: true }
      : (mismatch ??
        failedCheck('issuer_key', 'issuer_mismatch', detail('noIssuerProof', { issuer: issuer ?? '' }))));
  const proof: Check =
    proofFailures.length === 0
      ? { id: 'proof', ok: true }
      : proofFailures.length === 1
        ? proofFailures[0]!
        : {
            ...proofFailures[0]!,
            message: proofFailures.map((f) => f.message).join(' '),
            details: proofFailures.flatMap((f) => f.details ?? []),
          };
  return { issuerKey, proof };
}

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
): ProofOptionsProblem | null {
  if (!isUrl(proof.verificationMethod)) return problem('proof_malformed', detail('verificationMethodNotUrl'));
  if (proof.proofPurpose !== purpose)
    return problem(
      'proof_purpose_mismatch',
      proof.proofPurpose === undefined
        ? detail('purposeMissing', { expected: purpose })
        : detail('purposeMismatch', { purpose: JSON.stringify(proof.proofPurpose), expected: purpose }),
    );
  if (proof.created !== undefined && !isDateTimeStamp(proof.created))
    return problem('proof_malformed', detail('createdNotDate'));
  if (proof.expires !== undefined) {
    const expires = parseDateTime(proof.expires);
    if (Number.isNaN(expires)) return problem('proof_malformed', detail('expiresNotDate'));
    if (expires <= now.getTime())
      return problem('proof_expired', detail('proofExpired', { date: String(proof.expires) }));
  }
  if (proof['@context'] !== undefined) {
    const own = [proof['@context']].flat();
    const doc = [document['@context']].flat();
    if (own.some((c, i) => JSON.stringify(c) !== JSON.stringify(doc[i])))
      return problem('proof_malformed', detail('proofContext'));
  }
  return null;
}

/** Why a proof's options are refused: its code, what is said, and its English. */
export interface ProofOptionsProblem {
  code: 'proof_malformed' | 'proof_purpose_mismatch' | 'proof_expired';
  detail: CheckDetail;
  message: string;
}

const problem = (code: ProofOptionsProblem['code'], said: CheckDetail): ProofOptionsProblem => ({
  code,
  detail: said,
  message: detailText(said),
});
