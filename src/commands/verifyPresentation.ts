import type { Config } from '../config.ts';
import type { Queryable } from '../storage/database.ts';
import type { CredentialServices } from '../credentials/issuing.ts';
import { decodeMultikeyPublic, ed25519FromPublicBytes } from '../credentials/ed25519.ts';
import { verifyEddsaRdfc2022 } from '../credentials/proofs/eddsaRdfc2022.ts';
import { MAX_PROOFS, type VerificationReport } from '../credentials/verifier.ts';
import { exceedsLimits, VERIFY_BUDGET_MS } from '../credentials/budget.ts';
import { verifierDeps, verifyWithCairn } from './verifyCredential.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PresentationReport {
  verified: boolean;
  checks: Array<{ id: 'presentation' | 'presentation_proof'; ok: boolean; code?: string; message?: string }>;
  credentialResults: VerificationReport[];
}

/** Credentials verified per presentation. */
export const MAX_PRESENTED_CREDENTIALS = 50;

/**
 * Verifies a W3C Verifiable Presentation: its holder's eddsa-rdfc-2022 proofs (every proof of a
 * set, each with the challenge and domain asked for) and every credential in it, under one budget.
 */
export async function verifyPresentation(body: Json, deps: { db: Queryable; config: Config; services: CredentialServices; now: Date; deadline?: number }): Promise<PresentationReport> {
  const vp = body.verifiablePresentation;
  const options = isObject(body.options) ? body.options : {};
  if (!isObject(vp) || ![vp.type].flat().includes('VerifiablePresentation')) {
    return { verified: false, checks: [{ id: 'presentation', ok: false, code: 'parse_failed', message: 'Send {"verifiablePresentation": {"type": "VerifiablePresentation", …}}' }], credentialResults: [] };
  }
  const problem = exceedsLimits(body);
  if (problem) return { verified: false, checks: [{ id: 'presentation', ok: false, code: problem.code, message: problem.message }], credentialResults: [] };
  const presented = vp.verifiableCredential === undefined ? [] : [vp.verifiableCredential].flat();
  if (presented.length > MAX_PRESENTED_CREDENTIALS) {
    return { verified: false, checks: [{ id: 'presentation', ok: false, code: 'too_large', message: `The presentation carries ${presented.length} credentials; at most ${MAX_PRESENTED_CREDENTIALS} are verified here` }], credentialResults: [] };
  }
  const deadline = deps.deadline ?? Date.now() + VERIFY_BUDGET_MS;
  const checks: PresentationReport['checks'] = [{ id: 'presentation', ok: true }];
  const proofs = vp.proof === undefined ? [] : [vp.proof].flat();
  if (proofs.length === 0) {
    checks.push(options.challenge ? { id: 'presentation_proof', ok: false, code: 'proof_missing', message: 'A challenge was given but the presentation is not signed' } : { id: 'presentation_proof', ok: true, message: 'Unsigned presentation' });
  } else if (proofs.length > MAX_PROOFS) {
    checks.push({ id: 'presentation_proof', ok: false, code: 'too_many_proofs', message: `The presentation carries ${proofs.length} proofs; at most ${MAX_PROOFS} are checked` });
  } else {
    // Every proof of a set must verify (W3C Data Integrity); the first that does not is reported.
    const { proof: _all, ...unsecured } = vp;
    const resolver = verifierDeps(deps.db, deps.config, deps.services, deps.now, undefined, deadline);
    for (const [i, proof] of proofs.entries()) {
      const at = proofs.length > 1 ? `Proof ${i + 1} of ${proofs.length}: ` : '';
      const failure = await presentationProof(unsecured, proof, options, resolver, deps.services, deadline);
      if (failure) {
        checks.push({ ...failure, message: `${at}${failure.message}` });
        break;
      }
    }
    if (checks.length === 1) checks.push({ id: 'presentation_proof', ok: true });
  }
  const credentialResults: VerificationReport[] = [];
  for (const credential of presented) {
    const input = isObject(credential) && credential.type === 'EnvelopedVerifiableCredential' ? String(credential.id ?? '').replace(/^data:application\/vc\+jwt,/, '') : credential;
    if (typeof input !== 'string' && !isObject(input)) {
      credentialResults.push({ verified: false, format: 'unknown', checks: [{ id: 'parse', ok: false, code: 'parse_failed', message: 'A presented credential is neither a JSON object nor a compact JWS' }] });
      continue;
    }
    credentialResults.push(await verifyWithCairn(input, { ...deps, deadline }));
  }
  return { verified: checks.every((c) => c.ok) && credentialResults.every((r) => r.verified), checks, credentialResults };
}

type Failure = { id: 'presentation_proof'; ok: false; code: string; message: string };

/** One proof of a presentation: null when it verifies. */
async function presentationProof(unsecured: Json, proof: unknown, options: Json, resolver: ReturnType<typeof verifierDeps>, services: CredentialServices, deadline: number): Promise<Failure | null> {
  const fail = (code: string, message: string): Failure => ({ id: 'presentation_proof', ok: false, code, message });
  if (!isObject(proof)) return fail('proof_malformed', 'A proof is not an object');
  if (options.challenge !== undefined && proof.challenge !== options.challenge) return fail('challenge_mismatch', 'The proof was made for another challenge');
  if (options.domain !== undefined && proof.domain !== options.domain) return fail('domain_mismatch', 'The proof was made for another domain');
  if (proof.previousProof !== undefined) return fail('proof_malformed', 'Chained proofs (previousProof) are not accepted on presentations');
  let publicKey;
  try {
    const key = await resolver.resolveKey(typeof proof.verificationMethod === 'string' ? proof.verificationMethod : '');
    if (!key.publicKeyMultibase) throw new Error('The holder key is not an Ed25519 key');
    publicKey = ed25519FromPublicBytes(decodeMultikeyPublic(key.publicKeyMultibase)).publicKey;
  } catch (err) {
    return fail('key_unresolved', (err as Error).message);
  }
  const r = await verifyEddsaRdfc2022(unsecured, proof, publicKey, services.canonicalizer, { deadline });
  return r.ok ? null : fail(r.code, r.message);
}
