import type { Config } from '../../../config.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import { decodeMultikeyPublic, ed25519FromPublicBytes } from '../../../credentials/ed25519.ts';
import { verifyEddsaRdfc2022 } from '../../../credentials/proofs/eddsaRdfc2022.ts';
import {
  MAX_PROOFS,
  proofOptionsProblem,
  type CheckCode,
  type CheckDetail,
  type VerificationReport,
} from '../../../credentials/verifier.ts';
import { detail, detailOf, detailText } from '../../../credentials/checkMessages.ts';
import { aboutProof } from '../../../credentials/verifyProofs.ts';
import { holderId, presentationModelProblems } from '../../../credentials/vcDataModel.ts';
import { exceedsLimits, VERIFY_BUDGET_MS } from '../../../credentials/budget.ts';
import { verifierDeps, verifyWithCairn } from './verifyCredential.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A check of the presentation itself: its code, what it says (details) and that in English (message). */
export interface PresentationCheck {
  id: 'presentation' | 'presentation_proof';
  ok: boolean;
  /** A verifier code, or for a presentation that breaks the data model, that rule's code. */
  code?: CheckCode | string;
  message?: string;
  details?: CheckDetail[];
}

const saying = (
  id: PresentationCheck['id'],
  ok: boolean,
  code: PresentationCheck['code'],
  ...details: CheckDetail[]
): PresentationCheck => ({
  id,
  ok,
  ...(code ? { code } : {}),
  message: details.map(detailText).join('; '),
  details,
});

export interface PresentationReport {
  verified: boolean;
  checks: PresentationCheck[];
  credentialResults: VerificationReport[];
}

/** Credentials verified per presentation. */
export const MAX_PRESENTED_CREDENTIALS = 50;

/** The JWS of an enveloped VC-JWT (VC 2.0 §4.13.2, VC-JOSE-COSE media type), or null. */
export function envelopedJwt(credential: Json): string | null {
  if (
    ![credential.type].flat().includes('EnvelopedVerifiableCredential') ||
    typeof credential.id !== 'string'
  )
    return null;
  const m = /^data:application\/(?:vc\+jwt|vc-ld\+jwt|vc\+ld\+jwt)(?:;[^,]*)?,(.*)$/s.exec(credential.id);
  return m ? m[1]! : null;
}

type PresentationDeps = {
  db: Queryable;
  config: Config;
  services: CredentialServices;
  now: Date;
  deadline?: number;
};

const refused = (code: PresentationCheck['code'], ...details: CheckDetail[]): PresentationReport => ({
  verified: false,
  checks: [saying('presentation', false, code, ...details)],
  credentialResults: [],
});

/** The presentation and what it carries, or the report refusing it (not one, too large, not well formed). */
function readPresentation(body: Json): { vp: Json; presented: unknown[] } | PresentationReport {
  const vp = body.verifiablePresentation;
  if (!isObject(vp)) return refused('parse_failed', detail('sendPresentation'));
  const problem = exceedsLimits(body);
  if (problem) return refused(problem.code, problem.detail);
  const model = presentationModelProblems(vp);
  // The data model rules' own words (vcDataModel.ts), one per broken rule.
  if (model.length)
    return refused(
      model[0]!.code,
      ...model.map((m) => detail('reported', undefined, { text: m.message, from: 'library' })),
    );
  const presented = vp.verifiableCredential === undefined ? [] : [vp.verifiableCredential].flat();
  if (presented.length > MAX_PRESENTED_CREDENTIALS)
    return refused(
      'too_large',
      detail('presentationTooManyCredentials', { count: presented.length, max: MAX_PRESENTED_CREDENTIALS }),
    );
  return { vp, presented };
}

/** The presentation's proof check: every proof of a set must verify; the first that does not is reported. */
async function presentationProofCheck(
  vp: Json,
  options: Json,
  holder: string | undefined,
  deps: PresentationDeps,
  deadline: number,
): Promise<PresentationCheck> {
  const proofs = vp.proof === undefined ? [] : [vp.proof].flat();
  if (proofs.length === 0)
    return options.challenge
      ? saying('presentation_proof', false, 'proof_missing', detail('presentationChallengeUnsigned'))
      : saying('presentation_proof', true, undefined, detail('presentationUnsigned'));
  if (proofs.length > MAX_PROOFS)
    return saying(
      'presentation_proof',
      false,
      'too_many_proofs',
      detail('presentationTooManyProofs', { count: proofs.length, max: MAX_PROOFS }),
    );
  const { proof: _all, ...unsecured } = vp;
  const resolver = verifierDeps(deps.db, deps.config, deps.services, deps.now, undefined, deadline);
  for (const [i, proof] of proofs.entries()) {
    const failure = await presentationProof(vp, unsecured, proof, options, holder, resolver, deps, deadline);
    if (failure)
      return saying('presentation_proof', false, failure.code, aboutProof(i, proofs.length, failure.detail));
  }
  return { id: 'presentation_proof', ok: true };
}

const unreadableCredential = (): VerificationReport => ({
  verified: false,
  format: 'unknown',
  checks: [
    {
      id: 'parse',
      ok: false,
      code: 'parse_failed',
      message: detailText(detail('unreadablePresented')),
      details: [detail('unreadablePresented')],
    },
  ],
});

/** One presented credential's report; one with no proof is accepted only as secured by a signed presentation. */
async function presentedCredential(
  credential: unknown,
  securedByHolder: string | null,
  deps: PresentationDeps,
  deadline: number,
): Promise<VerificationReport> {
  const input = isObject(credential)
    ? (envelopedJwt(credential) ?? (isEnveloped(credential) ? null : credential))
    : credential;
  if (typeof input !== 'string' && !isObject(input)) return unreadableCredential();
  const selfAsserted =
    isObject(input) && input.proof === undefined && securedByHolder !== null ? { securedByHolder } : {};
  return verifyWithCairn(input, { ...deps, deadline, ...selfAsserted });
}

/**
 * Verifies a W3C Verifiable Presentation (VC 2.0, or 1.1): its data model (base context, type,
 * holder), its holder's eddsa-rdfc-2022 proofs (every proof of a set, for authentication, with
 * the challenge and domain asked for, made with a key of the holder when it names one), and every
 * credential in it — Open Badges or any other VC, enveloped VC-JWTs too — under one budget. A
 * credential with no proof of its own is accepted only as a self-asserted credential: secured by
 * the presentation's proof and issued by its holder (VC 2.0 §4.13.4).
 */
export async function verifyPresentation(body: Json, deps: PresentationDeps): Promise<PresentationReport> {
  const read = readPresentation(body);
  if ('verified' in read) return read;
  const { vp, presented } = read;
  const options = isObject(body.options) ? body.options : {};
  const deadline = deps.deadline ?? Date.now() + VERIFY_BUDGET_MS;
  const holder = holderId(vp);
  const checks: PresentationCheck[] = [
    { id: 'presentation', ok: true },
    await presentationProofCheck(vp, options, holder, deps, deadline),
  ];
  // Only a presentation whose proof verified can secure credentials that have none of their own.
  const signed = vp.proof !== undefined && [vp.proof].flat().length > 0 && checks.every((c) => c.ok);
  const credentialResults: VerificationReport[] = [];
  for (const credential of presented)
    credentialResults.push(
      await presentedCredential(credential, signed ? (holder ?? '') : null, deps, deadline),
    );
  return {
    verified: checks.every((c) => c.ok) && credentialResults.every((r) => r.verified),
    checks,
    credentialResults,
  };
}

const isEnveloped = (credential: Json) => [credential.type].flat().includes('EnvelopedVerifiableCredential');

type Failure = { code: CheckCode; detail: CheckDetail };

/** One proof of a presentation: null when it verifies. */
async function presentationProof(
  vp: Json,
  unsecured: Json,
  proof: unknown,
  options: Json,
  holder: string | undefined,
  resolver: ReturnType<typeof verifierDeps>,
  deps: { services: CredentialServices; now: Date },
  deadline: number,
): Promise<Failure | null> {
  const fail = (code: CheckCode, said: CheckDetail): Failure => ({ code, detail: said });
  if (!isObject(proof)) return fail('proof_malformed', detail('presentationProofNotObject'));
  if (options.challenge !== undefined && proof.challenge !== options.challenge)
    return fail('challenge_mismatch', detail('challengeMismatch'));
  if (options.domain !== undefined && ![proof.domain].flat().includes(options.domain))
    return fail('domain_mismatch', detail('domainMismatch'));
  if (proof.previousProof !== undefined) return fail('proof_malformed', detail('presentationChained'));
  const problem = proofOptionsProblem(proof, vp, 'authentication', deps.now);
  if (problem) return fail(problem.code, detail('aboutPresentationProof', { text: problem.detail }));
  const vm = proof.verificationMethod as string;
  let publicKey;
  let controller: string;
  try {
    const key = await resolver.resolveKey(vm);
    if (!key.publicKeyMultibase) return fail('key_unresolved', detail('holderKeyNotEd25519'));
    if (key.revoked) return fail('key_revoked', detail('holderKeyRevoked', { key: vm }));
    publicKey = ed25519FromPublicBytes(decodeMultikeyPublic(key.publicKeyMultibase)).publicKey;
    controller = key.controller;
  } catch (err) {
    return fail('key_unresolved', detailOf(err));
  }
  // A presentation that names its holder is signed by the holder.
  if (holder !== undefined && controller !== holder && vm.split('#')[0] !== holder)
    return fail('holder_mismatch', detail('holderKeyMismatch', { holder, key: vm }));
  const r = await verifyEddsaRdfc2022(unsecured, proof, publicKey, deps.services.canonicalizer, { deadline });
  return r.ok ? null : fail(r.code, r.detail);
}
