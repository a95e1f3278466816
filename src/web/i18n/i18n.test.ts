import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUES, LOCALES, negotiateLocale, translator } from './i18n.ts';

type Tree = { [key: string]: string | Tree };

/** Every key of a catalogue with its message: ['nav.catalog', 'Catalog'], … */
function entries(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );
}

/** The ICU arguments a message uses: {name}, {count, plural, …} → name, count. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => m[1]!))].sort();
}

describe('the message catalogues', () => {
  const english = new Map(entries(CATALOGUES.en as unknown as Tree));

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    test(`${locale} has every English key, no others, none empty, with the same arguments`, () => {
      const other = new Map(entries(CATALOGUES[locale] as unknown as Tree));
      const missing = [...english.keys()].filter((k) => !other.has(k));
      assert.deepEqual(missing, [], `keys missing in ${locale}`);
      const extra = [...other.keys()].filter((k) => !english.has(k));
      assert.deepEqual(extra, [], `keys in ${locale} that English does not have`);
      for (const [key, message] of other) {
        assert.ok(message.trim() !== '' || english.get(key)!.trim() === '', `${locale}:${key} is empty`);
        assert.deepEqual(argumentsOf(message), argumentsOf(english.get(key)!), `${locale}:${key} arguments`);
      }
    });
  }

  test('ICU plurals and arguments are filled in, per language', () => {
    const en = translator('en');
    const es = translator('es');
    assert.equal(en.t('components.pagination.results', { count: 0 }), 'No results');
    assert.equal(en.t('components.pagination.results', { count: 1 }), '1 result');
    assert.equal(en.t('components.pagination.results', { count: 12 }), '12 results');
    assert.equal(es.t('components.pagination.results', { count: 1 }), '1 resultado');
    assert.equal(es.t('components.pagination.results', { count: 3 }), '3 resultados');
    assert.equal(es.t('account.profileOf', { name: 'Ada & <Lovelace>' }), 'Tu perfil: Ada & <Lovelace>');
  });

  test('dates and numbers are written the reader’s way', () => {
    const when = new Date('2026-03-04T10:05:00Z');
    assert.equal(translator('en').number(12345.5), '12,345.5');
    assert.equal(translator('es').number(12345.5), '12.345,5');
    assert.match(translator('en').date(when), /Mar 4, 2026/);
    assert.match(translator('es').date(when), /4 mar 2026/);
    assert.match(translator('es').date(when, { withTime: true }), /10:05/);
  });
});

describe('choosing the language', () => {
  test('a saved choice wins, then Accept-Language by quality and order, then English', () => {
    assert.equal(negotiateLocale('es', 'en-GB,en;q=0.9'), 'es');
    assert.equal(negotiateLocale('fr', 'es-MX,es;q=0.9'), 'es');
    assert.equal(negotiateLocale(null, 'fr-FR, en;q=0.5, es;q=0.8'), 'es');
    assert.equal(negotiateLocale(undefined, 'de, fr;q=0.9'), 'en');
    assert.equal(negotiateLocale(undefined, 'es;q=0, en;q=0.1'), 'en');
    assert.equal(negotiateLocale(undefined, ''), 'en');
    assert.equal(negotiateLocale(undefined, 'ES'), 'es');
  });
});
