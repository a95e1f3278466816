import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { keyVault } from './keyVault.ts';
import { fastCanonicalizer } from './proofs/fastCanonicalizer.ts';
import type { KeyVault } from './keyVault.ts';
import type { Canonicalizer } from './proofs/canonicalize.ts';
import type { ResolvedKey } from './verifier.ts';
import { createSafeFetcher, type FetchedCredential } from './resolve/safeFetch.ts';
import { resolveVerificationMethod } from './resolve/didWeb.ts';

/** What signing needs besides the database: the key vault and the canonicalizer. */
export interface CredentialServices {
  vault: KeyVault;
  canonicalizer: Canonicalizer;
  /** Reaching other issuers' keys and status lists; absent when verification is offline. */
  remote?: RemoteResolvers;
}

/** How verification reaches keys and documents that are not Cairn's own (did:web, https). */
export interface RemoteResolvers {
  resolveKey(verificationMethod: string): Promise<ResolvedKey>;
  fetchJson(url: string): Promise<unknown>;
  /** A credential by its address, JSON or a compact JWS (VC-JWT), as received; absent = JSON only, through fetchJson. */
  fetchCredential?(url: string): Promise<FetchedCredential>;
}

/**
 * CAIRN_SECRET, or in demo mode a secret generated once into the data folder, so a demo's
 * keys survive restarts without any setup.
 */
export function resolveSecret(config: Config): string {
  if (config.secret) return config.secret;
  if (!config.demo) throw new Error('CAIRN_SECRET is required outside demo mode');
  const file = join(config.dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The signing services of one process: key vault and the fast canonicalizer. */
export function createCredentialServices(config: Config): CredentialServices {
  const services: CredentialServices = {
    vault: keyVault(resolveSecret(config)),
    canonicalizer: fastCanonicalizer(),
  };
  if (config.fetchForeign) {
    const { fetchJson, fetchCredential } = createSafeFetcher();
    services.remote = {
      fetchJson,
      fetchCredential,
      resolveKey: (vm) => resolveVerificationMethod(vm, { fetchJson }),
    };
  }
  return services;
}
