import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { DocumentLoader } from 'jsonld';
import { offlineDocumentLoader } from '../credentials/documentLoader.ts';
import { encodeMultikeySecret } from '../credentials/ed25519.ts';

/**
 * The Digital Bazaar stack (@digitalbazaar/vc + eddsa-rdfc-2022 cryptosuite), wired to its own
 * document loader over our bundled contexts plus the DID documents a test gives it: the
 * independent reference Cairn's signatures are checked against.
 */
export function referenceStack(didDocuments: Map<string, Record<string, unknown>>) {
  const base = offlineDocumentLoader();
  const loader: DocumentLoader = async (url) => {
    const [did, fragment] = url.split('#');
    const doc = didDocuments.get(did!);
    if (doc) {
      if (!fragment) return { contextUrl: null, documentUrl: url, document: doc };
      const method = (doc.verificationMethod as Array<Record<string, unknown>>).find((m) => m.id === url);
      if (method)
        return {
          contextUrl: null,
          documentUrl: url,
          document: { '@context': 'https://w3id.org/security/multikey/v1', ...method },
        };
    }
    if (url === 'https://www.w3.org/ns/did/v1')
      return { contextUrl: null, documentUrl: url, document: DID_V1_CONTEXT };
    return base(url);
  };
  return {
    loader,
    async issue(
      credential: Record<string, unknown>,
      key: { id: string; controller: string; publicKeyMultibase: string; seed: Uint8Array },
      date: string,
    ) {
      const pair = await Ed25519Multikey.from({
        '@context': 'https://w3id.org/security/multikey/v1',
        type: 'Multikey',
        id: key.id,
        controller: key.controller,
        publicKeyMultibase: key.publicKeyMultibase,
        secretKeyMultibase: encodeMultikeySecret(key.seed),
      });
      const suite = new DataIntegrityProof({ signer: pair.signer(), date, cryptosuite });
      return vc.issue({ credential, suite, documentLoader: loader });
    },
    async verify(credential: Record<string, unknown>) {
      return vc.verifyCredential({
        credential,
        suite: new DataIntegrityProof({ cryptosuite }),
        documentLoader: loader,
        checkStatus: async () => ({ verified: true }),
      });
    },
  };
}

// The part of the DID v1 context DID documents use here (no npm package is installed for it).
const DID_V1_CONTEXT = {
  '@context': {
    '@protected': true,
    id: '@id',
    type: '@type',
    alsoKnownAs: { '@id': 'https://www.w3.org/ns/activitystreams#alsoKnownAs', '@type': '@id' },
    assertionMethod: {
      '@id': 'https://w3id.org/security#assertionMethod',
      '@type': '@id',
      '@container': '@set',
    },
    authentication: {
      '@id': 'https://w3id.org/security#authenticationMethod',
      '@type': '@id',
      '@container': '@set',
    },
    capabilityDelegation: {
      '@id': 'https://w3id.org/security#capabilityDelegationMethod',
      '@type': '@id',
      '@container': '@set',
    },
    capabilityInvocation: {
      '@id': 'https://w3id.org/security#capabilityInvocationMethod',
      '@type': '@id',
      '@container': '@set',
    },
    controller: { '@id': 'https://w3id.org/security#controller', '@type': '@id' },
    keyAgreement: {
      '@id': 'https://w3id.org/security#keyAgreementMethod',
      '@type': '@id',
      '@container': '@set',
    },
    service: {
      '@id': 'https://www.w3.org/ns/did#service',
      '@type': '@id',
      '@context': {
        '@protected': true,
        id: '@id',
        type: '@type',
        serviceEndpoint: { '@id': 'https://www.w3.org/ns/did#serviceEndpoint', '@type': '@id' },
      },
    },
    verificationMethod: { '@id': 'https://w3id.org/security#verificationMethod', '@type': '@id' },
  },
};
