import i18next, { type TFunction } from 'i18next';
import ICU from 'i18next-icu';
import { en, type Catalogue } from './locales/en.ts';
import { es } from './locales/es.ts';

/** The languages Cairn speaks; the first is the fallback for any key or language missing. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const CATALOGUES: Record<Locale, Catalogue> = { en, es };

type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
/** A message's key in the catalogue, e.g. 'nav.catalog'. */
export type MessageKey = Paths<typeof en>;
export type MessageValues = Record<string, string | number | Date>;

/** What views use to speak the reader's language: messages, dates and numbers. */
export interface Translator {
  locale: Locale;
  /** Every message, date and number wrapped in ⟦ ⟧ (the pseudo language, for finding missed words). */
  pseudo: boolean;
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * A date (and time, with `withTime`) written the reader's way; `month` writes only the month,
   * long with its year ("March 2026") or short ("Mar").
   */
  date(value: Date, options?: { withTime?: boolean; month?: 'long' | 'short' }): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language for a request: the person's saved choice when it is one Cairn speaks, else the
 * best match of the browser's Accept-Language (by quality, then order), else English.
 */
export function negotiateLocale(saved: string | null | undefined, acceptLanguage: string | null | undefined) {
  if (isLocale(saved)) return saved;
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, order };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  for (const range of ranges) {
    const primary = range.tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

let shared: TFunction | null = null;
const instance = i18next.createInstance();
function ensureInit(): void {
  if (shared) return;
  void instance.use(ICU).init({
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: CATALOGUES[l] }])),
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    initAsync: false,
    // hono/jsx escapes every text it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  shared = instance.t;
}

const translators = new Map<string, Translator>();

/**
 * The translator for a locale (made once, then shared). `pseudo` wraps every message, date and
 * number in ⟦ ⟧ so a test can see which text on a page did not come through the catalogue.
 */
export function translator(locale: Locale, options: { pseudo?: boolean } = {}): Translator {
  const cacheKey = `${locale}${options.pseudo ? ':pseudo' : ''}`;
  const known = translators.get(cacheKey);
  if (known) return known;
  ensureInit();
  const fixed = instance.getFixedT(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimes = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const months = {
    long: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    short: new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }),
  };
  const mark = (text: string) => (options.pseudo ? `⟦${text}⟧` : text);
  const made: Translator = {
    locale,
    pseudo: options.pseudo === true,
    t: (key, values) => mark(String(fixed(key, values ?? {}))),
    date: (value, o) => mark((o?.month ? months[o.month] : o?.withTime ? dateTimes : dates).format(value)),
    number: (value, o) => mark(new Intl.NumberFormat(locale, o).format(value)),
  };
  translators.set(cacheKey, made);
  return made;
}
