import { decodeMultikeyPublic } from './ed25519.ts';
import { DATA_INTEGRITY_V2, MULTIKEY_V1 } from './contexts.ts';

/** The DID document of an Ed25519 did:key (with or without a #fragment), resolved offline. */
export function resolveDidKey(didUrl: string): Record<string, unknown> {
  const did = didUrl.split('#')[0]!;
  const multibase = did.slice('did:key:'.length);
  decodeMultikeyPublic(multibase); // throws unless it is an Ed25519 key
  const vmId = `${did}#${multibase}`;
  const method = { id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: multibase };
  if (didUrl.includes('#')) return { '@context': [MULTIKEY_V1], ...method };
  return {
    '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_V1, DATA_INTEGRITY_V2],
    id: did,
    verificationMethod: [method],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityDelegation: [vmId],
    capabilityInvocation: [vmId],
  };
}

/** did:key for an Ed25519 public key multibase, and its verification method id. */
export function didKeyFor(publicKeyMultibase: string): { did: string; verificationMethod: string } {
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethod: `${did}#${publicKeyMultibase}` };
}
