import type { Config } from '../config.ts';
import type { Queryable } from '../storage/database.ts';
import type { CredentialServices } from '../credentials/issuing.ts';
import { decodeMultikeyPublic, ed25519FromPublicBytes } from '../credentials/ed25519.ts';
import { verifyEddsaRdfc2022 } from '../credentials/proofs/eddsaRdfc2022.ts';
import type { VerificationReport } from '../credentials/verifier.ts';
import { verifierDeps, verifyWithCairn } from './verifyCredential.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PresentationReport {
  verified: boolean;
  checks: Array<{ id: 'presentation' | 'presentation_proof'; ok: boolean; code?: string; message?: string }>;
  credentialResults: VerificationReport[];
}

/**
 * Verifies a W3C Verifiable Presentation: its holder's eddsa-rdfc-2022 proof (with the challenge
 * and domain asked for) and every credential in it.
 */
export async function verifyPresentation(body: Json, deps: { db: Queryable; config: Config; services: CredentialServices; now: Date }): Promise<PresentationReport> {
  const vp = body.verifiablePresentation;
  const options = isObject(body.options) ? body.options : {};
  if (!isObject(vp) || ![vp.type].flat().includes('VerifiablePresentation')) {
    return { verified: false, checks: [{ id: 'presentation', ok: false, code: 'parse_failed', message: 'Send {"verifiablePresentation": {"type": "VerifiablePresentation", …}}' }], credentialResults: [] };
  }
  const checks: PresentationReport['checks'] = [{ id: 'presentation', ok: true }];
  const proof = [vp.proof].flat().find(isObject);
  if (!proof) {
    checks.push(options.challenge ? { id: 'presentation_proof', ok: false, code: 'proof_missing', message: 'A challenge was given but the presentation is not signed' } : { id: 'presentation_proof', ok: true, message: 'Unsigned presentation' });
  } else if (options.challenge !== undefined && proof.challenge !== options.challenge) {
    checks.push({ id: 'presentation_proof', ok: false, code: 'challenge_mismatch', message: 'The proof was made for another challenge' });
  } else if (options.domain !== undefined && proof.domain !== options.domain) {
    checks.push({ id: 'presentation_proof', ok: false, code: 'domain_mismatch', message: 'The proof was made for another domain' });
  } else {
    try {
      const resolver = verifierDeps(deps.db, deps.config, deps.services, deps.now);
      const key = await resolver.resolveKey(String(proof.verificationMethod ?? ''));
      if (!key.publicKeyMultibase) throw new Error('The holder key is not an Ed25519 key');
      const r = await verifyEddsaRdfc2022(vp, proof, ed25519FromPublicBytes(decodeMultikeyPublic(key.publicKeyMultibase)).publicKey, deps.services.canonicalizer);
      checks.push(r.ok ? { id: 'presentation_proof', ok: true } : { id: 'presentation_proof', ok: false, code: r.code, message: r.message });
    } catch (err) {
      checks.push({ id: 'presentation_proof', ok: false, code: 'key_unresolved', message: (err as Error).message });
    }
  }
  const credentialResults: VerificationReport[] = [];
  for (const credential of [vp.verifiableCredential ?? []].flat()) {
    const input = isObject(credential) && credential.type === 'EnvelopedVerifiableCredential' ? String(credential.id ?? '').replace(/^data:application\/vc\+jwt,/, '') : credential;
    credentialResults.push(await verifyWithCairn(input as string | Json, deps));
  }
  return { verified: checks.every((c) => c.ok) && credentialResults.every((r) => r.verified), checks, credentialResults };
}
