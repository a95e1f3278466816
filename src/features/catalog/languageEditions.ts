import { z } from 'zod';
import { invalid } from '../../domain/errors.ts';
import { catalogMessage } from './messages.ts';

/**
 * Language editions of a design (issue 14). A design's words stay in the language its issuer
 * wrote them in (`inLanguage`); an issuer may add a Spanish edition of the name and description,
 * and of the criteria if they like. OB 3.0 types an Achievement's name and description as plain
 * strings (no JSON-LD language maps), so the edition is published the way OB 3.0 names for
 * alternate language editions: a related Achievement (`related: [{ id, type: ['Related'],
 * inLanguage }]`) with its own `inLanguage`.
 */

/** A language code as OB 3.0's LanguageCode (BCP 47) admits it: en, es, pt-BR, zh-Hant-TW … */
export const LANGUAGE_CODE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;

/** The issuer's language when nobody said (everything written before languages were recorded). */
export const DEFAULT_CONTENT_LANGUAGE = 'en';

/** The language of the one edition an issuer may add. */
export const EDITION_LANGUAGE = 'es';

const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const contentLanguageSchema = z.preprocess(
  blankIsAbsent,
  z.string().trim().regex(LANGUAGE_CODE, catalogMessage('languageCode')).optional(),
);

/** The Spanish edition of a design: its name and description, and optionally its criteria. */
export const spanishEditionSchema = z.object({
  name: z.string().trim().min(3, catalogMessage('spanishName')).max(200),
  description: z.string().trim().min(1, catalogMessage('spanishDescription')).max(11000),
  criteria: z.preprocess(blankIsAbsent, z.string().trim().max(10000).optional()),
});

export type SpanishEdition = z.infer<typeof spanishEditionSchema>;

/** The parts of a design that languages concern. */
interface Worded {
  title: string;
  competency: string;
  description: string;
  criteria: string;
  inLanguage?: string | undefined;
  spanishEdition?: SpanishEdition | undefined;
}

/** Whether a language code is Spanish (es, es-MX, es-419 …). */
const isSpanish = (code: string) => code === EDITION_LANGUAGE || code.startsWith(`${EDITION_LANGUAGE}-`);

/** What is wrong with a design's languages, field → message (a Spanish edition of Spanish words). */
export function languageProblems(d: Worded): Record<string, string> {
  if (d.spanishEdition && isSpanish(d.inLanguage ?? DEFAULT_CONTENT_LANGUAGE))
    return {
      spanishEdition: catalogMessage('alreadySpanish'),
    };
  return {};
}

/** Rejects a design whose languages do not fit (the commands' check beyond the schema). */
export function requireFittingLanguages(d: Worded): void {
  const problems = languageProblems(d);
  if (Object.keys(problems).length) throw invalid(problems, catalogMessage('checkLanguages'));
}

/** The first paragraph of a text and the rest (an achievement's description is competency, blank line, description). */
function paragraphs(text: string): { first: string; rest: string } {
  const [first = '', ...rest] = text.split(/\n[ \t]*\n/);
  return { first: first.trim(), rest: rest.join('\n\n').trim() };
}

/** Whether a reader of this language is shown the design's Spanish edition. */
export function showsSpanishEdition(d: Pick<Worded, 'spanishEdition'>, readerLocale: string): boolean {
  return readerLocale === EDITION_LANGUAGE && d.spanishEdition !== undefined;
}

/**
 * The design as a reader of `readerLocale` is shown it: with the Spanish edition's words for a
 * Spanish reader when there is one, else the issuer's own words. The edition's description takes
 * the competency's place (its first paragraph) and the description's (the rest).
 */
export function designForReader<D extends Worded>(d: D, readerLocale: string): D {
  const es = d.spanishEdition;
  if (!es || !showsSpanishEdition(d, readerLocale)) return d;
  const { first, rest } = paragraphs(es.description);
  return {
    ...d,
    title: es.name,
    competency: first,
    description: rest,
    criteria: es.criteria ?? d.criteria,
  };
}

/** The languages of a design's words as a reader is shown them (BCP 47 codes): name, competency and description; criteria. */
export interface ShownLanguages {
  words: string;
  criteria: string;
}

/**
 * The languages of what `designForReader` shows a reader of `readerLocale`: the Spanish edition's
 * where it is shown (its criteria only when it has its own), else (and with no reader) the issuer's.
 */
export function shownLanguages(
  d: Pick<Worded, 'inLanguage' | 'spanishEdition'>,
  readerLocale?: string,
): ShownLanguages {
  const issuers = d.inLanguage ?? DEFAULT_CONTENT_LANGUAGE;
  if (readerLocale === undefined || !showsSpanishEdition(d, readerLocale))
    return { words: issuers, criteria: issuers };
  return { words: EDITION_LANGUAGE, criteria: d.spanishEdition?.criteria ? EDITION_LANGUAGE : issuers };
}

type CardRow = {
  title: string;
  competency: string;
  in_language: string;
  es_name: string | null;
  es_description: string | null;
};

/**
 * A catalog card's name and competency line for a reader, with their language (`in_language`):
 * the Spanish edition's, when shown, else the issuer's.
 */
export function cardForReader<R extends CardRow>(
  row: R,
  readerLocale: string,
): Omit<R, 'es_name' | 'es_description'> {
  const { es_name, es_description, ...card } = row;
  if (readerLocale !== EDITION_LANGUAGE || es_name === null || es_description === null) return card;
  return {
    ...card,
    title: es_name,
    competency: paragraphs(es_description).first,
    in_language: EDITION_LANGUAGE,
  };
}
