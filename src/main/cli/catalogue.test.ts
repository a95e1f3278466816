import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settings } from '../../config.ts';
import { cli as en } from '../../web/i18n/locales/en/cli.ts';
import { cli as es } from '../../web/i18n/locales/es/cli.ts';

type Tree = { readonly [key: string]: string | Tree };
const leaves = (tree: Tree, path = ''): Array<[string, string]> =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${path}${k}`, v] as [string, string]] : leaves(v, `${path}${k}.`),
  );

describe("the cairn command's messages", () => {
  test('every one has Spanish of its own, with the same arguments', () => {
    const spanish = new Map(leaves(es));
    // Words that are the same in both languages: none so far.
    const same = new Set<string>([]);
    const names = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
    for (const [key, english] of leaves(en)) {
      const text = spanish.get(key);
      assert.ok(text?.trim(), `cli.${key} has no Spanish`);
      if (!same.has(key)) assert.notEqual(text, english, `cli.${key} is still English`);
      assert.deepEqual(names(text ?? ''), names(english), `cli.${key} has other arguments in Spanish`);
    }
  });

  test('the help describes every setting config.ts reads, and no other', () => {
    assert.deepEqual(Object.keys(en.settings).sort(), Object.keys(settings).sort());
    for (const name of Object.keys(settings))
      assert.ok(en.settings[name as keyof typeof settings].trim(), name);
  });
});
