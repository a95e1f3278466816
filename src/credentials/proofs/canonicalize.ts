import jsonld from 'jsonld';
import type { DocumentLoader } from 'jsonld';
import { documentLoader as offlineLoader } from '../documentLoader.ts';
import { BudgetExceededError } from '../budget.ts';

export interface CanonizeOptions {
  /** Date.now() time after which the work is stopped with BudgetExceededError. */
  deadline?: number;
}

/** Turns a JSON-LD document into RDFC-1.0 canonical N-Quads. */
export interface Canonicalizer {
  canonize(document: object, options?: CanonizeOptions): Promise<string>;
}

/**
 * RDF canonicalization's work limit. Blank nodes that hash alike make RDFC-1.0 try permutations;
 * with a work factor of 1 the deep iterations are at most the number of such blank nodes (a
 * hostile graph fails with an error instead of running for ever). Credentials never come near it.
 */
export const MAX_WORK_FACTOR = 1;

/** The options every rdf-canonize call here uses (the jsonld.js path and the fast path alike). */
export const rdfcOptions = {
  algorithm: 'RDFC-1.0',
  format: 'application/n-quads',
  maxWorkFactor: MAX_WORK_FACTOR,
} as const;

/**
 * How a value's base direction (`@direction`, VC 2.0 §11.1) becomes RDF: as an i18n datatype
 * (`https://www.w3.org/ns/i18n#en-ltr`), as the Digital Bazaar eddsa-rdfc-2022 cryptosuite does.
 * Without it, safe mode refuses every document with a direction. Documents without one are unaffected.
 */
export const RDF_DIRECTION = 'i18n-datatype' as const;

/**
 * The reference path: jsonld.js expansion + rdf-canonize, in safe mode (a term the contexts do
 * not define is an error, never silently dropped), with the offline document loader. A deadline
 * aborts the canonicalization step (rdf-canonize checks its signal as it goes) and is checked
 * after expansion; to stop expansion itself, run it in a worker (isolatedCanonicalizer).
 */
export function jsonldCanonicalizer(loader: DocumentLoader = offlineLoader): Canonicalizer {
  return {
    async canonize(document, options = {}) {
      const { deadline } = options;
      const remaining = deadline === undefined ? undefined : deadline - Date.now();
      if (remaining !== undefined && remaining <= 0) throw new BudgetExceededError('canonicalization');
      const signal = remaining === undefined ? undefined : AbortSignal.timeout(remaining);
      try {
        return await jsonld.canonize(document, {
          ...rdfcOptions,
          rdfDirection: RDF_DIRECTION,
          documentLoader: loader,
          safe: true,
          base: null,
          canonizeOptions: { maxWorkFactor: MAX_WORK_FACTOR, ...(signal ? { signal } : {}) },
        });
      } catch (err) {
        if (signal?.aborted || (deadline !== undefined && Date.now() > deadline))
          throw new BudgetExceededError('canonicalization');
        throw explainSafeMode(err);
      }
    },
  };
}

/**
 * jsonld.js says only "Safe mode validation error." and keeps the reason in `details.event`:
 * the error is given a message a person can act on ("foo" is not defined by any context).
 */
export function explainSafeMode(err: unknown): unknown {
  const event = (
    err as { details?: { event?: { code?: unknown; details?: Record<string, unknown> } } } | null
  )?.details?.event;
  if (!(err instanceof Error) || !event || typeof event.code !== 'string') return err;
  const d = event.details ?? {};
  const quote = (v: unknown) => JSON.stringify(typeof v === 'string' ? v.slice(0, 120) : v);
  const why: Record<string, string> = {
    'invalid property': `the property ${quote(d.property)} is not defined by any of its @context`,
    'relative @type reference': `the type ${quote(d.type)} is not defined by any of its @context`,
    'relative @id reference': `${quote(d.id)} is used as an identifier but is not a URL`,
    'relative @vocab reference': 'its @vocab is not a URL',
    'reserved @id value': `${quote(d.id)} is a reserved keyword, not an identifier`,
    'reserved term': `it defines the reserved term ${quote(d.term)}`,
    'invalid reserved term': `it defines the reserved term ${quote(d.term)}`,
    'empty object': 'it has an empty object that says nothing',
    'null @id value': 'an @id is null',
    'null @value value': 'a @value is null',
    'object with only @id': 'it has an object with nothing but an @id where a value is expected',
    'object with only @list': 'it has an empty @list',
    'prefix @id': `the term ${quote(d.term)} is not a usable IRI`,
  };
  return Object.assign(
    new Error(
      `Safe mode: ${why[event.code] ?? `${event.code}${d && Object.keys(d).length ? ` ${JSON.stringify(d).slice(0, 200)}` : ''}`}`,
    ),
    { name: err.name },
  );
}
