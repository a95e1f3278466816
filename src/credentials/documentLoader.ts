import type { DocumentLoader, RemoteDocument } from 'jsonld';
import { bundledContexts } from './contexts.ts';
import { resolveDidKey } from './didKey.ts';

/** Thrown for any URL the offline loader will not serve. */
export class DocumentNotAllowedError extends Error {
  readonly code = 'document_not_allowed';
  constructor(readonly url: string) {
    super(
      `Refused to load ${url}: only bundled JSON-LD contexts and did:key documents are loaded, never the network`,
    );
    this.name = 'DocumentNotAllowedError';
  }
}

/**
 * The offline, fail-closed JSON-LD document loader: bundled contexts and did:key documents,
 * and nothing else. Verification never fetches an attacker's URL through it.
 */
export function offlineDocumentLoader(extra: ReadonlyMap<string, unknown> = new Map()): DocumentLoader {
  return async (url: string): Promise<RemoteDocument> => {
    const document = bundledContexts.get(url) ?? extra.get(url);
    if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    if (url.startsWith('did:key:'))
      return { contextUrl: null, documentUrl: url, document: resolveDidKey(url) };
    throw new DocumentNotAllowedError(url);
  };
}

export const documentLoader: DocumentLoader = offlineDocumentLoader();
