import type { JWK } from 'jose';
import type { Canonicalizer } from './proofs/canonicalize.ts';

/** What the verifier is given (keys, lists, clock, deadline) and small helpers its steps share. */
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

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const issuerId = (c: Json): string | undefined =>
  typeof c.issuer === 'string'
    ? c.issuer
    : isObject(c.issuer) && typeof c.issuer.id === 'string'
      ? c.issuer.id
      : undefined;
export const controllerOf = (vm: string) => vm.split('#')[0]!;
