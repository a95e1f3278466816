import jsonld from 'jsonld';
import type { DocumentLoader } from 'jsonld';
import { documentLoader as offlineLoader } from '../documentLoader.ts';

/** Turns a JSON-LD document into RDFC-1.0 canonical N-Quads. */
export interface Canonicalizer {
  canonize(document: object): Promise<string>;
}

/**
 * The reference path: jsonld.js expansion + rdf-canonize, in safe mode (a term the contexts do
 * not define is an error, never silently dropped), with the offline document loader.
 */
export function jsonldCanonicalizer(loader: DocumentLoader = offlineLoader): Canonicalizer {
  return {
    canonize: (document) => jsonld.canonize(document, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: loader, safe: true, base: null }),
  };
}
