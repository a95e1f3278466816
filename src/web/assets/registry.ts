import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { PAGE_SCRIPTS } from './scripts.ts';

/**
 * The web kit's static files: the stylesheet, the page scripts and the self-hosted typeface.
 * Each is served at /assets/<name>.<content hash>.<ext> and cached for a year (a change makes a
 * new name); pages link them through assetPath(). Everything is read once, at start-up.
 */
export interface Asset {
  /** The stable name pages ask for, e.g. 'app.css'. */
  name: string;
  /** The served file name, with the content hash: 'app.3f2a1b9c0d.css'. */
  file: string;
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  woff2: 'font/woff2',
};

function asset(name: string, body: Uint8Array<ArrayBuffer>): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  const ext = name.slice(dot + 1);
  return {
    name,
    file: `${name.slice(0, dot)}.${hash}.${ext}`,
    body,
    type: TYPES[ext] ?? 'application/octet-stream',
  };
}

const require = createRequire(import.meta.url);
const FONT_WEIGHTS = [400, 600, 700] as const;

function buildAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const add = (a: Asset) => assets.set(a.name, a);
  for (const weight of FONT_WEIGHTS) {
    // Latin covers English and Spanish (á é í ó ú ñ ü ¿ ¡).
    const file = require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff2`);
    add(asset(`inter-${weight}.woff2`, new Uint8Array(readFileSync(file))));
  }
  // The stylesheet names the fonts by stable name; point it at their hashed files.
  let css = readFileSync(new URL('./app.css', import.meta.url), 'utf8');
  for (const weight of FONT_WEIGHTS) {
    const font = assets.get(`inter-${weight}.woff2`);
    if (font) css = css.replaceAll(`url(inter-${weight}.woff2)`, `url(${font.file})`);
  }
  add(asset('app.css', new TextEncoder().encode(css)));
  for (const [name, source] of Object.entries(PAGE_SCRIPTS))
    add(asset(name, new TextEncoder().encode(source)));
  return assets;
}

const ASSETS = buildAssets();
const BY_FILE = new Map([...ASSETS.values()].map((a) => [a.file, a]));

export type AssetName = 'app.css' | keyof typeof PAGE_SCRIPTS;

/** The address of a static file, with its content hash: '/assets/app.3f2a1b9c0d.css'. */
export function assetPath(name: AssetName): string {
  const found = ASSETS.get(name);
  if (!found) throw new Error(`No asset named ${name}`);
  return `/assets/${found.file}`;
}

/** Every asset (for tests and the asset route). */
export function allAssets(): Asset[] {
  return [...ASSETS.values()];
}

/**
 * GET /assets/<file>: a hashed name is immutable for a year; the plain name (links from before
 * hashing) is answered too, cached for an hour.
 */
export function assetRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/assets/:file', (c, next) => {
    const file = c.req.param('file');
    const hashed = BY_FILE.get(file);
    const found = hashed ?? ASSETS.get(file);
    if (!found) return next();
    c.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(found.body, 200, { 'Content-Type': found.type });
  });
  return r;
}
