import jsonld from 'jsonld';
import type { DocumentLoader, Quad } from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { documentLoader as offlineLoader } from '../documentLoader.ts';
import { checkDeadline, isBudgetExceeded } from '../budget.ts';
import {
  jsonldCanonicalizer,
  RDF_DIRECTION,
  rdfcOptions,
  type CanonizeOptions,
  type Canonicalizer,
} from './canonicalize.ts';
import { sharedIsolatedCanonicalizer } from './isolatedCanonicalizer.ts';

/*
 * Why this exists: 85% of the reference eddsa-rdfc-2022 cost is JSON-LD expansion, and every
 * credential Cairn issues has one of a handful of *shapes* (same keys, types and contexts; only
 * the strings differ). So we expand each shape once with jsonld.js, using placeholder strings,
 * and keep the resulting RDF quads as a template. For the next document of that shape we put
 * its strings into the template and run only RDF canonicalization (rdf-canonize, the reference
 * implementation). Anything the template cannot prove it handles exactly as jsonld.js would
 * falls back to jsonld.js. Equality with the reference is tested on the 1EdTech vectors and on
 * thousands of random documents (fastCanonicalizer.test.ts).
 *
 * Untrusted documents: only shapes of at most MAX_TEMPLATE_STRINGS strings are templated, and the
 * in-process RDF canonicalization of a template runs under a small work cap (past it, the
 * reference path answers instead, so results never differ). The reference path (jsonld.js) runs
 * in worker threads by default (isolatedCanonicalizer), under the caller's deadline, so a large
 * or hostile graph never holds up the event loop.
 */

/** Shapes with more strings than this are not templated (real credentials have a few dozen). */
const MAX_TEMPLATE_STRINGS = 1_000;
/** Nesting past which a document is not templated (the shape walk is recursive). */
const MAX_TEMPLATE_DEPTH = 64;
/**
 * Deep iterations the in-process (synchronous) canonicalization of a template may take before
 * handing the document to the reference path, which has the full RDFC-1.0 work factor.
 */
const IN_PROCESS_DEEP_ITERATIONS = 64;

const MARK = 'x-cairn-slot';
const iriSlot = (i: number) => `urn:${MARK}:${i}`;
const relSlot = (i: number) => `${MARK}-${i}`;
// Absolute IRIs whose scheme no context here defines as a prefix; anything else falls back.
const SAFE_IRI = /^(?:https?|urn|did|mailto):[^\s<>"{}|\\^`\u0000-\u0020]*$/;
// Keys whose values stay part of the shape: contexts, types, and vocabulary terms such as proofPurpose.
const NOT_STRING_SLOTS = new Set(['@context', 'type', '@type', 'proofPurpose']);
const PROBE_BASE = 'https://base.invalid/';

interface Shape {
  key: string;
  values: string[];
  withSlots: (slot: (i: number) => string) => unknown;
}

/** Replaces every string value (not keys, types or contexts) by a numbered slot. */
function extractShape(document: unknown): Shape | null {
  const values: string[] = [];
  class TooBig extends Error {}
  const walk = (node: unknown, slot: (i: number) => string, collect: boolean, depth: number): unknown => {
    if (typeof node === 'string') {
      if (collect) values.push(node);
      if (values.length > MAX_TEMPLATE_STRINGS) throw new TooBig();
      return slot(collect ? values.length - 1 : counter++);
    }
    if (depth > MAX_TEMPLATE_DEPTH) throw new TooBig();
    if (Array.isArray(node)) return node.map((n) => walk(n, slot, collect, depth + 1));
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node))
        out[k] = NOT_STRING_SLOTS.has(k) ? v : walk(v, slot, collect, depth + 1);
      return out;
    }
    return node;
  };
  let counter = 0;
  let keyed: unknown;
  try {
    keyed = walk(document, iriSlot, true, 0);
  } catch (err) {
    if (err instanceof TooBig) return null; // the reference path takes it
    throw err;
  }
  const key = JSON.stringify(keyed);
  if (key.split(MARK).length - 1 !== values.length) return null; // the document itself mentions our marker
  return {
    key,
    values,
    withSlots: (slot) => {
      counter = 0;
      return walk(document, slot, false, 0);
    },
  };
}

type Term = {
  termType: string;
  value: string;
  datatype?: { termType: string; value: string };
  language?: string;
};
type SlotUse = {
  quad: number;
  position: 'subject' | 'predicate' | 'object' | 'graph';
  slot: number;
  kind: 'iri' | 'literal';
};

interface Template {
  quads: Quad[];
  uses: SlotUse[];
}

const SLOT_IRI = new RegExp(`^urn:${MARK}:(\\d+)$`);
const REL_SLOT = new RegExp(`^${PROBE_BASE.replace(/[.]/g, '\\.')}${MARK}-\\d+$`);

/** Finds which terms of the slot-expanded quads are slots, and whether each slot is safe to template. */
function analyse(quadsIri: Quad[], quadsRel: Quad[]): Template | null {
  const uses: SlotUse[] = [];
  const iriSlots = new Set<number>();
  quadsIri.forEach((q, qi) => {
    for (const position of ['subject', 'predicate', 'object', 'graph'] as const) {
      const term = q[position] as Term;
      const m = SLOT_IRI.exec(term.value);
      if (!m) {
        if (term.value.includes(MARK)) throw new Error('slot inside a larger value');
        continue;
      }
      const slot = Number(m[1]);
      const kind = term.termType === 'Literal' ? 'literal' : 'iri';
      if (kind === 'iri') iriSlots.add(slot);
      uses.push({ quad: qi, position, slot, kind });
    }
  });
  // In the relative-slot expansion (against PROBE_BASE), a plain @id position resolves against
  // the base; a vocabulary position (@vocab, terms, prefixes) turns it into some other IRI. Only
  // the first kind is templated, and its actual values must be absolute IRIs (SAFE_IRI), for
  // which both readings agree.
  for (const q of quadsRel) {
    for (const position of ['subject', 'predicate', 'object', 'graph'] as const) {
      const term = q[position] as Term;
      if (term.termType !== 'Literal' && term.value.includes(MARK) && !REL_SLOT.test(term.value)) return null;
    }
  }
  return { quads: quadsIri, uses };
}

/** A canonicalizer that templates JSON-LD expansion per document shape; equal to jsonld.js by construction and test. */
// eslint-disable-next-line max-lines-per-function -- one closure: the caches and the fallback it shares between canonicalize calls
export function fastCanonicalizer(
  options: { loader?: DocumentLoader; maxShapes?: number; isolate?: boolean } = {},
) {
  // A custom loader (a function) cannot be sent to a worker: it keeps the reference path in-process.
  const isolated =
    options.isolate !== false && options.loader === undefined ? sharedIsolatedCanonicalizer() : null;
  const loader = options.loader ?? offlineLoader;
  const reference: Canonicalizer = isolated ?? jsonldCanonicalizer(loader);
  const maxShapes = options.maxShapes ?? 500;
  const templates = new Map<string, Template | 'fallback'>();
  const stats = { templated: 0, fallback: 0, shapes: 0 };

  const toRdf = (doc: unknown, base: string | null, canonizeOptions: CanonizeOptions) =>
    isolated
      ? isolated.toRdf(doc, base, canonizeOptions)
      : (jsonld.toRDF(doc, {
          documentLoader: loader,
          safe: false,
          base,
          rdfDirection: RDF_DIRECTION,
        }) as Promise<Quad[]>);

  function instantiate(template: Template, values: string[]): Quad[] | null {
    const quads = template.quads.map((q) => ({ ...q }));
    for (const use of template.uses) {
      const value = values[use.slot]!;
      if (use.kind === 'iri' && !SAFE_IRI.test(value)) return null;
      const quad = quads[use.quad]!;
      const term = quad[use.position] as Term;
      (quad as Record<string, Term>)[use.position] = { ...term, value };
    }
    // An RDF dataset is a set: values made equal by substitution collapse, as they do in jsonld.js.
    const seen = new Set<string>();
    return quads.filter((q) => {
      const line = rdfCanonize.NQuads.serializeQuad(q);
      if (seen.has(line)) return false;
      seen.add(line);
      return true;
    });
  }

  // Synchronous, so capped: past the cap it throws and the reference path answers (same result).
  const canonizeQuads = (quads: Quad[]) =>
    rdfCanonize._canonizeSync(quads, { ...rdfcOptions, maxDeepIterations: IN_PROCESS_DEEP_ITERATIONS });

  async function build(document: object, shape: Shape, canonizeOptions: CanonizeOptions): Promise<string> {
    // The reference result for this very document: returned now, and compared with the template.
    const expected = await reference.canonize(document, canonizeOptions);
    let template: Template | null = null;
    try {
      const [withIri, withRel] = await Promise.all([
        toRdf(shape.withSlots(iriSlot), null, canonizeOptions),
        toRdf(shape.withSlots(relSlot), PROBE_BASE, canonizeOptions),
      ]);
      template = analyse(withIri, withRel);
      const quads = template && instantiate(template, shape.values);
      if (!quads || canonizeQuads(quads) !== expected) template = null;
    } catch (err) {
      // Out of time, nothing is learnt about the shape: the next document of it tries again.
      if (isBudgetExceeded(err)) return expected;
      template = null;
    }
    if (templates.size >= maxShapes) templates.delete(templates.keys().next().value!);
    templates.set(shape.key, template ?? 'fallback');
    stats.shapes = templates.size;
    return expected;
  }

  const canonicalizer: Canonicalizer & { stats: typeof stats } = {
    stats,
    async canonize(document, canonizeOptions = {}) {
      checkDeadline(canonizeOptions.deadline, 'canonicalization');
      const shape = extractShape(document);
      if (!shape) {
        stats.fallback++;
        return reference.canonize(document, canonizeOptions);
      }
      const template = templates.get(shape.key);
      if (template === undefined) {
        stats.fallback++;
        return build(document, shape, canonizeOptions);
      }
      if (template !== 'fallback') {
        const quads = instantiate(template, shape.values);
        if (quads) {
          let canon: string | undefined;
          try {
            canon = canonizeQuads(quads);
          } catch {
            canon = undefined; // over the in-process cap: the reference path decides
          }
          if (canon !== undefined) {
            stats.templated++;
            return canon;
          }
        }
      }
      stats.fallback++;
      return reference.canonize(document, canonizeOptions);
    },
  };
  return canonicalizer;
}
