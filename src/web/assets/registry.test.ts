import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { allAssets, assetPath, assetRoutes } from './registry.ts';

const app = new Hono<AppEnv>().route('/', assetRoutes());

describe('static assets', () => {
  test('each is served under its content hash, immutable for a year, with its type', async () => {
    for (const asset of allAssets()) {
      assert.match(asset.file, /\.[0-9a-f]{10}\.(css|js|woff2)$/);
      const res = await app.request(`/assets/${asset.file}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(res.headers.get('content-type'), asset.type);
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), asset.body);
    }
    const plain = await app.request('/assets/copy.js');
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=3600', 'old unhashed links still work');
    assert.equal((await app.request('/assets/app.0000000000.css')).status, 404);
  });

  test('the stylesheet points at the hashed font files, which are real WOFF2', async () => {
    const css = await (await app.request(assetPath('app.css'))).text();
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    assert.equal(fonts.length, 3);
    for (const font of fonts) {
      const res = await app.request(`/assets/${font}`);
      assert.equal(res.status, 200, font);
      assert.equal(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 4)), 'wOF2');
    }
  });
});

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('colour tokens', () => {
  const css = readFileSync(new URL('./app.css', import.meta.url), 'utf8');
  const tokens = new Map(
    [...css.matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/g)].map((m) => [
      m[1]!,
      { light: m[2]!, dark: m[3]! },
    ]),
  );
  // Text on the surfaces it is used on; all must reach WCAG AA for body text (4.5:1).
  const pairs: Array<[string, string]> = [
    ['ink', 'bg'],
    ['ink', 'surface'],
    ['ink', 'surface-2'],
    ['muted', 'bg'],
    ['muted', 'surface'],
    ['muted', 'surface-2'],
    ['accent', 'surface'],
    ['accent', 'bg'],
    ['accent-ink', 'accent'],
    ['accent', 'accent-soft'],
    ['ok', 'ok-soft'],
    ['bad', 'bad-soft'],
    ['bad', 'surface'],
    ['warn', 'warn-soft'],
    ['ink', 'ok-soft'],
    ['ink', 'bad-soft'],
    ['ink', 'accent-soft'],
  ];
  // What shows a control or its state (WCAG 1.4.11): the focus ring and field borders on the
  // surfaces they sit on need 3:1.
  const nonText: Array<[string, string]> = [
    ['focus', 'bg'],
    ['focus', 'surface'],
    ['focus', 'surface-2'],
    ['focus', 'accent-soft'],
    ['field-line', 'bg'],
    ['field-line', 'surface'],
    ['field-line', 'surface-2'],
  ];
  for (const theme of ['light', 'dark'] as const) {
    test(`the focus ring and field borders reach 3:1 in the ${theme} theme`, () => {
      for (const [part, background] of nonText) {
        const fg = tokens.get(part)?.[theme];
        const bg = tokens.get(background)?.[theme];
        assert.ok(fg && bg, `tokens ${part} and ${background} exist`);
        const ratio = contrast(fg, bg);
        assert.ok(ratio >= 3, `${part} on ${background} (${theme}): ${ratio.toFixed(2)}:1`);
      }
    });
    test(`text colours reach 4.5:1 in the ${theme} theme`, () => {
      for (const [text, background] of pairs) {
        const fg = tokens.get(text)?.[theme];
        const bg = tokens.get(background)?.[theme];
        assert.ok(fg && bg, `tokens ${text} and ${background} exist`);
        const ratio = contrast(fg, bg);
        assert.ok(ratio >= 4.5, `${text} on ${background} (${theme}): ${ratio.toFixed(2)}:1`);
      }
    });
  }
});
