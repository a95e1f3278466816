/**
 * Which words of a badge's achievement a reader is shown (issue 14): the Spanish edition its
 * issuer wrote for the design version (published beside the issuer's, and named in the signed
 * achievement's `related`) to a reader of Spanish, else the words signed in the credential.
 */

type Json = Record<string, unknown>;

export interface SpanishEditionRow {
  es_name: string | null;
  es_description: string | null;
  es_criteria: string | null;
}

const shownTo = (edition: SpanishEditionRow, locale: string) =>
  locale === 'es' && edition.es_name !== null && edition.es_description !== null;

/** The achievement as shown to a reader of `locale`; the signed document itself is never changed. */
export function achievementForReader<A extends Json & { criteria?: Json }>(
  achievement: A,
  edition: SpanishEditionRow,
  locale: string,
): A {
  if (!shownTo(edition, locale)) return achievement;
  return {
    ...achievement,
    name: edition.es_name,
    description: edition.es_description,
    ...(edition.es_criteria !== null
      ? { criteria: { ...(achievement.criteria ?? {}), narrative: edition.es_criteria } }
      : {}),
  };
}

/**
 * The languages of the words `achievementForReader` shows (BCP 47): its name and description, and
 * its criteria. The Spanish edition's are Spanish (its criteria only when it has its own); the
 * signed achievement's are its `inLanguage`, English when it does not say.
 */
export function achievementLanguages(
  achievement: Json,
  edition: SpanishEditionRow,
  locale: string,
): { words: string; criteria: string } {
  const said = achievement.inLanguage;
  const signed = typeof said === 'string' && said.trim() ? said : 'en';
  if (!shownTo(edition, locale)) return { words: signed, criteria: signed };
  return { words: 'es', criteria: edition.es_criteria !== null ? 'es' : signed };
}
