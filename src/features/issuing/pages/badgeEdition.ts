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

/** The achievement as shown to a reader of `locale`; the signed document itself is never changed. */
export function achievementForReader<A extends Json & { criteria?: Json }>(
  achievement: A,
  edition: SpanishEditionRow,
  locale: string,
): A {
  if (locale !== 'es' || edition.es_name === null || edition.es_description === null) return achievement;
  return {
    ...achievement,
    name: edition.es_name,
    description: edition.es_description,
    ...(edition.es_criteria !== null
      ? { criteria: { ...(achievement.criteria ?? {}), narrative: edition.es_criteria } }
      : {}),
  };
}
