// Minimal types for the parts of jsonld.js and rdf-canonize that Cairn uses.
declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface Options {
    documentLoader?: DocumentLoader;
    safe?: boolean;
    base?: string | null;
    algorithm?: 'RDFC-1.0' | 'URDNA2015';
    format?: 'application/n-quads';
    produceGeneralizedRdf?: boolean;
    rdfDirection?: string;
    /** Passed to rdf-canonize by canonize(). */
    canonizeOptions?: { maxWorkFactor?: number; maxDeepIterations?: number; signal?: AbortSignal };
  }
  export interface Quad {
    subject: { termType: string; value: string };
    predicate: { termType: string; value: string };
    object: {
      termType: string;
      value: string;
      datatype?: { termType: string; value: string };
      language?: string;
    };
    graph: { termType: string; value: string };
  }
  interface JsonLd {
    canonize(input: unknown, options?: Options): Promise<string>;
    toRDF(input: unknown, options?: Options): Promise<Quad[]>;
    toRDF(input: unknown, options: Options & { format: 'application/n-quads' }): Promise<string>;
    expand(input: unknown, options?: Options): Promise<unknown[]>;
    compact(input: unknown, ctx: unknown, options?: Options): Promise<Record<string, unknown>>;
  }
  const jsonld: JsonLd;
  export default jsonld;
}

declare module 'rdf-canonize' {
  import type { Quad } from 'jsonld';
  export interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    inputFormat?: 'application/n-quads';
    format?: 'application/n-quads';
    maxWorkFactor?: number;
    maxDeepIterations?: number;
    signal?: AbortSignal;
  }
  export function canonize(input: Quad[] | string, options: CanonizeOptions): Promise<string>;
  export function _canonizeSync(input: Quad[] | string, options: CanonizeOptions): string;
  export const NQuads: {
    parse(input: string): Quad[];
    serialize(dataset: Quad[]): string;
    serializeQuad(quad: Quad): string;
  };
}
