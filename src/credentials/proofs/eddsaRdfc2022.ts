import { createHash, type KeyObject } from 'node:crypto';
import { base58btcDecode, base58btcEncode } from '../base58.ts';
import { ed25519Sign, ed25519Verify } from '../ed25519.ts';
import type { CanonizeOptions, Canonicalizer } from './canonicalize.ts';
import { detail, detailText, libraryText, type CheckDetail } from '../checkMessages.ts';
import { isBudgetExceeded } from '../budget.ts';

export const CRYPTOSUITE = 'eddsa-rdfc-2022';

export type DataIntegrityProof = {
  type: 'DataIntegrityProof';
  created?: string;
  verificationMethod: string;
  cryptosuite: typeof CRYPTOSUITE;
  proofPurpose: string;
  proofValue?: string;
};

type JsonObject = Record<string, unknown>;

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The bytes an eddsa-rdfc-2022 signature covers: sha256(canonical proof config) ‖ sha256(canonical document). */
export async function eddsaHashData(
  unsecured: JsonObject,
  proofConfig: JsonObject,
  canonicalizer: Canonicalizer,
  options: CanonizeOptions = {},
) {
  const [proofCanon, documentCanon] = await Promise.all([
    canonicalizer.canonize({ ...proofConfig, '@context': unsecured['@context'] }, options),
    canonicalizer.canonize(unsecured, options),
  ]);
  const proofHash = sha256(proofCanon);
  const documentHash = sha256(documentCanon);
  return {
    proofCanon,
    documentCanon,
    proofHash,
    documentHash,
    hashData: Buffer.concat([proofHash, documentHash]),
  };
}

/** Adds an eddsa-rdfc-2022 DataIntegrityProof. Throws if the document cannot be canonicalized. */
export async function signEddsaRdfc2022<T extends JsonObject>(
  unsecured: T,
  options: {
    privateKey: KeyObject;
    verificationMethod: string;
    created: string;
    proofPurpose?: string;
    canonicalizer: Canonicalizer;
  },
): Promise<T & { proof: DataIntegrityProof }> {
  if ('proof' in unsecured) throw new Error('The document already has a proof');
  const proofConfig = {
    type: 'DataIntegrityProof',
    created: options.created,
    verificationMethod: options.verificationMethod,
    cryptosuite: CRYPTOSUITE,
    proofPurpose: options.proofPurpose ?? 'assertionMethod',
  } as const;
  const { hashData } = await eddsaHashData(unsecured, proofConfig, options.canonicalizer);
  const proof: DataIntegrityProof = {
    ...proofConfig,
    proofValue: `z${base58btcEncode(ed25519Sign(options.privateKey, hashData))}`,
  };
  return { ...unsecured, proof };
}

export type ProofCheck =
  | { ok: true }
  | {
      ok: false;
      code: 'proof_missing' | 'proof_malformed' | 'proof_invalid' | 'verification_budget_exceeded';
      /** What went wrong; `cannotCanonicalize` when the document is not well-formed JSON-LD. */
      detail: CheckDetail;
      message: string;
      cannotCanonicalize?: true;
    };

const failure = (
  code: Exclude<ProofCheck, { ok: true }>['code'],
  said: CheckDetail,
): Exclude<ProofCheck, { ok: true }> => ({ ok: false, code, detail: said, message: detailText(said) });

/**
 * Verifies one eddsa-rdfc-2022 proof with a known public key; returns a result, never throws for
 * bad input. `secured`'s own `proof` member is removed; for a proof in a chain (previousProof),
 * `previousProofs` are the proofs it follows, put back as `proof` in what the signature covers.
 */
export async function verifyEddsaRdfc2022(
  secured: JsonObject,
  proof: JsonObject,
  publicKey: KeyObject,
  canonicalizer: Canonicalizer,
  options: CanonizeOptions & { previousProofs?: JsonObject[] } = {},
): Promise<ProofCheck> {
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== CRYPTOSUITE) {
    return failure(
      'proof_malformed',
      detail('unsupportedProof', { type: String(proof.type), cryptosuite: String(proof.cryptosuite) }),
    );
  }
  if (typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z')) {
    return failure('proof_malformed', detail('proofValueNotMultibase'));
  }
  let signature: Uint8Array;
  try {
    signature = base58btcDecode(proof.proofValue.slice(1), 64);
  } catch (err) {
    return failure('proof_malformed', detail('proofValueUnreadable', undefined, libraryText(err)));
  }
  if (signature.length !== 64) return failure('proof_malformed', detail('signatureLength'));
  const { proofValue: _omit, ...proofConfig } = proof;
  const { proof: _proof, ...withoutProofs } = secured;
  const unsecured = options.previousProofs?.length
    ? { ...withoutProofs, proof: options.previousProofs }
    : withoutProofs;
  let hashData: Buffer;
  try {
    ({ hashData } = await eddsaHashData(unsecured, proofConfig, canonicalizer, {
      deadline: options.deadline,
    }));
  } catch (err) {
    if (isBudgetExceeded(err)) return failure('verification_budget_exceeded', err.detail);
    return {
      ...failure('proof_malformed', detail('notCanonicalizable', undefined, libraryText(err))),
      cannotCanonicalize: true,
    };
  }
  return ed25519Verify(publicKey, hashData, signature)
    ? { ok: true }
    : failure('proof_invalid', detail('signatureMismatch'));
}
