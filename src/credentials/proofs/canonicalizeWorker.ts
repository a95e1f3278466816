import { parentPort } from 'node:worker_threads';
import jsonld from 'jsonld';
import { documentLoader } from '../documentLoader.ts';
import { jsonldCanonicalizer, RDF_DIRECTION } from './canonicalize.ts';

/** One job of isolatedCanonicalizer: the reference canonicalization, or the expansion the fast canonicalizer templates. */
export type CanonicalizeJob =
  | { id: number; op: 'canonize'; document: unknown }
  | { id: number; op: 'toRdf'; document: unknown; base: string | null };
export type CanonicalizeReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

// The same reference path as in-process (jsonld.js, safe mode, offline loader, RDFC-1.0 work
// limit), run where it cannot hold up the server's event loop and can be stopped.
const reference = jsonldCanonicalizer();

parentPort!.on('message', (job: CanonicalizeJob) => {
  const work =
    job.op === 'canonize'
      ? reference.canonize(job.document as object)
      : jsonld.toRDF(job.document, {
          documentLoader,
          safe: false,
          base: job.base,
          rdfDirection: RDF_DIRECTION,
        });
  work.then(
    (result: unknown) =>
      parentPort!.postMessage({ id: job.id, ok: true, result } satisfies CanonicalizeReply),
    (err: unknown) =>
      parentPort!.postMessage({
        id: job.id,
        ok: false,
        message: err instanceof Error ? err.message : String(err),
      } satisfies CanonicalizeReply),
  );
});
