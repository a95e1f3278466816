import { DATA_INTEGRITY_V2, MULTIKEY_V1 } from './contexts.ts';

/** `did:web:<host>:orgs:<slug>` for an organisation, from Cairn's public URL (port percent-encoded). */
export function organisationDid(publicUrl: string, slug: string): string {
  const url = new URL(publicUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path, 'orgs', slug].join(':');
}

export interface PublishedKey {
  publicId: string;
  /** Ed25519 keys. */
  publicKeyMultibase: string | null;
  /** RSA keys, as JWK JSON text. */
  publicKeyJwk?: string | null;
  status: 'active' | 'retired' | 'revoked';
  revokedAt: Date | null;
}

/** The verification method id of a key in an organisation's DID document. */
export function verificationMethodId(did: string, keyPublicId: string): string {
  return `${did}#${keyPublicId}`;
}

/**
 * The organisation's DID document. Active and retired keys may assert credentials (old badges
 * keep verifying after a rotation); a revoked key stays listed, marked, but not as an assertion method.
 */
export function organisationDidDocument(did: string, keys: PublishedKey[]): Record<string, unknown> {
  const methods = keys.map((k) => ({
    id: verificationMethodId(did, k.publicId),
    controller: did,
    ...(k.publicKeyMultibase
      ? { type: 'Multikey', publicKeyMultibase: k.publicKeyMultibase }
      : { type: 'JsonWebKey', publicKeyJwk: JSON.parse(k.publicKeyJwk ?? '{}') as unknown }),
    ...(k.status === 'revoked' && k.revokedAt ? { revoked: k.revokedAt.toISOString() } : {}),
  }));
  const asserting = keys
    .filter((k) => k.status !== 'revoked')
    .map((k) => verificationMethodId(did, k.publicId));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_V1, DATA_INTEGRITY_V2],
    id: did,
    verificationMethod: methods,
    assertionMethod: asserting,
    authentication: asserting,
  };
}
