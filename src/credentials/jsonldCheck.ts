import jsonld from 'jsonld';
import type { DocumentLoader } from 'jsonld';
import { documentLoader as offlineLoader } from './documentLoader.ts';
import { exceedsLimits } from './budget.ts';

/**
 * A JSON-LD problem explained for a person: what is wrong, and the term, context or value at
 * fault (`details`, for the API's error fields).
 */
export interface JsonLdProblem {
  /** jsonld.js's own code (e.g. "invalid property", "protected term redefinition"). */
  jsonldCode: string;
  message: string;
  details: Record<string, string>;
}

type JsonLdError = Error & {
  details?: {
    code?: string;
    event?: { code?: string; message?: string; details?: Record<string, unknown> };
    term?: string;
    url?: string;
    context?: unknown;
  };
};

const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))).slice(0, 300);

/** Turns a jsonld.js error into plain words; null when it is not a JSON-LD error. */
export function explainJsonLdError(err: unknown): JsonLdProblem | null {
  if (!(err instanceof Error) || !/^jsonld\./.test(err.name)) return null;
  const d = (err as JsonLdError).details ?? {};
  const event = d.event;
  if (event?.code) {
    const ed = event.details ?? {};
    switch (event.code) {
      case 'invalid property':
        return {
          jsonldCode: event.code,
          message: `The property “${text(ed.property)}” is not defined by any of the credential’s contexts, so JSON-LD processors would silently drop it from what is signed. Define it in a context (or use one that does), or remove it.`,
          details: { term: text(ed.property) },
        };
      case 'relative @type reference':
        return {
          jsonldCode: event.code,
          message: `The type “${text(ed.type)}” is not defined by any of the credential’s contexts and is not a URL. Define it in a context, or use a full URL.`,
          details: { term: text(ed.type) },
        };
      case 'relative @id reference':
        return {
          jsonldCode: event.code,
          message: `“${text(ed.id)}” is used as an identifier but is not a URL. Use an absolute URL such as urn:uuid:… or https://….`,
          details: { value: text(ed.id) },
        };
      case 'relative @vocab reference':
        return {
          jsonldCode: event.code,
          message: `A context sets @vocab to “${text(ed.vocab)}”, which is not a URL.`,
          details: { value: text(ed.vocab) },
        };
      case 'empty object':
        return {
          jsonldCode: event.code,
          message:
            'The credential holds an empty object ({}) where a value is expected; remove it or fill it in.',
          details: {},
        };
      default:
        return {
          jsonldCode: event.code,
          message: `The credential is not valid JSON-LD: ${event.message ?? event.code}`,
          details: Object.fromEntries(Object.entries(ed).map(([k, v]) => [k, text(v)])),
        };
    }
  }
  const code = d.code ?? 'invalid JSON-LD';
  switch (code) {
    case 'protected term redefinition':
      return {
        jsonldCode: code,
        message: `The context redefines “${text(d.term)}”, a term an earlier context protects (VC 2.0 forbids changing what the base context’s terms mean). Use another name for your term.`,
        details: { term: text(d.term), context: text(d.context) },
      };
    case 'loading remote context failed':
    case 'loading document failed':
      return {
        jsonldCode: code,
        message: `The context ${text(d.url)} is not one this server has on file. Cairn reads only the contexts it ships with (VC 1.1 and 2.0, Open Badges, CLR, Data Integrity, status lists, the W3C examples) and never downloads others. Put the definitions in an inline context object instead.`,
        details: { context: text(d.url) },
      };
    case 'invalid IRI mapping':
      return {
        jsonldCode: code,
        message: `A context maps a term to something that is not a URL: ${text(d.context)}.`,
        details: { context: text(d.context) },
      };
    default:
      return {
        jsonldCode: code,
        message: `The credential is not valid JSON-LD (${code}): ${err.message}`,
        details: d.term ? { term: text(d.term) } : {},
      };
  }
}

/**
 * Expands a document with jsonld.js in safe mode and the offline loader (as signing will): null
 * when it is fine, else the problem. Oversized documents are refused before any JSON-LD work.
 */
export async function checkJsonLd(
  document: Record<string, unknown>,
  loader: DocumentLoader = offlineLoader,
): Promise<JsonLdProblem | null> {
  const limit = exceedsLimits(document);
  if (limit) return { jsonldCode: limit.code, message: limit.message, details: {} };
  try {
    await jsonld.expand(document, { documentLoader: loader, safe: true, base: null } as Parameters<
      typeof jsonld.expand
    >[1]);
    return null;
  } catch (err) {
    // Anything else jsonld.js stumbles on is still a document it cannot process.
    return (
      explainJsonLdError(err) ?? {
        jsonldCode: 'unprocessable',
        message: `The credential cannot be processed as JSON-LD: ${err instanceof Error ? err.message : String(err)}`,
        details: {},
      }
    );
  }
}
