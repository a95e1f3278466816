import { z } from 'zod';
import type { Translator } from '../../web/i18n/i18n.ts';

/**
 * A thread entry Cairn writes on a submission (not a person), as facts: the words are chosen when
 * the entry is shown (page, JSON API), in the reader's language. A person's own note is kept as
 * they wrote it, in the entry's body, and needs no facts.
 */
export type EntryFacts =
  | { kind: 'approved'; hours: number; endsOn: string | null }
  | { kind: 'withdrawn' }
  | { kind: 'resubmittedAs'; submission: string; subject: string; version: number | null }
  | { kind: 'endorsed'; endorsement: string };

const entryFacts = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approved'), hours: z.number(), endsOn: z.string().nullable() }),
  z.object({ kind: z.literal('withdrawn') }),
  z.object({
    kind: z.literal('resubmittedAs'),
    submission: z.string(),
    subject: z.string(),
    version: z.number().int().nullable(),
  }),
  z.object({ kind: z.literal('endorsed'), endorsement: z.string() }),
]);

/** An entry as stored: what a person wrote (or the English Cairn kept before facts), and its facts. */
export interface StoredEntry {
  body: string;
  facts: unknown;
}

/** The facts of an entry Cairn wrote; null for a person's entry and for entries written before facts were kept. */
export function factsOf(entry: StoredEntry): EntryFacts | null {
  if (entry.facts === null || entry.facts === undefined) return null;
  const parsed = entryFacts.safeParse(entry.facts);
  return parsed.success ? parsed.data : null;
}

/** The facts as the database keeps them (a jsonb column). */
export const storedFacts = (facts: EntryFacts | null): string | null =>
  facts ? JSON.stringify(facts) : null;

/**
 * An entry in the reader's words: the person's note as written; else the words of its facts;
 * else (an entry from before facts were kept) its stored text as it is.
 */
export function entryWords(i18n: Pick<Translator, 't' | 'date'>, entry: StoredEntry): string {
  const facts = factsOf(entry);
  if (entry.body || !facts) return entry.body;
  const { t, date } = i18n;
  switch (facts.kind) {
    case 'approved':
      return facts.endsOn
        ? t('recognition.submission.entry.approvedUntil', {
            hours: facts.hours,
            until: date(new Date(`${facts.endsOn}T00:00:00Z`)),
          })
        : t('recognition.submission.entry.approved', { hours: facts.hours });
    case 'withdrawn':
      return t('recognition.submission.entry.withdrawn');
    case 'resubmittedAs':
      return t('recognition.submission.entry.resubmittedAs', {
        what:
          facts.version === null
            ? t('recognition.mail.what', { title: facts.subject })
            : t('recognition.mail.whatVersion', { title: facts.subject, version: facts.version }),
        submission: facts.submission,
      });
    case 'endorsed':
      return t('recognition.submission.entry.endorsed', { endorsement: facts.endorsement });
  }
}
