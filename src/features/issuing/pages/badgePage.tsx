import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import QRCode from 'qrcode';
import { notFound } from '../../../domain/errors.ts';
import { BoundedCache } from '../../../domain/boundedCache.ts';
import { publicIdParam, routeParams } from '../../../http/params.ts';
import { embeddedChanges } from '../../../storage/database.ts';
import { bakePng, bakeSvg } from '../../../credentials/baking/index.ts';
import type { AppEnv } from '../../../http/env.ts';
import { page } from '../../../web/render.tsx';
import { I18nContext } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { servePageScript } from '../../../web/pageScripts.tsx';
import { issuingPaths } from '../paths.ts';
import { storedBadgeJwt } from './badgeJwt.ts';
import { badgeArtwork, loadBadgeFile, loadBadgePage, loadEmbed, type BadgeViewModel } from './badgeLoader.ts';
import { attr } from './badgeShare.ts';
import { BadgeBody, BadgeHead, PrivateBadgeView } from './badgeView.tsx';

export { issuedTo } from './badgeLoader.ts';

// The routes of a badge's public page and files: parse the id, call the loader, render the view.
// A rendered page is kept per badge and language while what it shows is unchanged.

type C = Context<AppEnv>;

const badgeParams = z.object({ id: publicIdParam.regex(/^[\w-]+$/) });
const badgeId = (c: C) => routeParams(c, badgeParams, { what: 'badge' }).id;
const viewerId = (c: C) => c.var.viewer?.user_id ?? null;

interface RenderedPage {
  stamp: string;
  changes: number | undefined;
  publicUrl: string;
  window: [number, number];
  title: string;
  body: string;
  head: string;
}

/** Rendered public badge pages by language and badge id, with the stamp of everything they show. */
const renderedPages = new BoundedCache<string, RenderedPage>(2048);
const cacheKey = (i18n: Translator, id: string) => `${i18n.locale}${i18n.pseudo ? '-pseudo' : ''}:${id}`;

/**
 * On the embedded database a rendered public page stays current until data may have changed
 * (or its dates pass): the page kept for this badge when it is still current, so it is served
 * without a query.
 */
function servedSnapshot(key: string, changes: number | undefined, publicUrl: string, nowMs: number) {
  const snapshot = changes === undefined ? undefined : renderedPages.get(key);
  const current =
    snapshot &&
    snapshot.changes === changes &&
    snapshot.publicUrl === publicUrl &&
    nowMs >= snapshot.window[0] &&
    nowMs < snapshot.window[1];
  return current ? snapshot : undefined;
}

/**
 * Renders the page in the reader's language and, for a badge that is not private, keeps it for
 * the next visitors. The verdict can change by itself when validFrom or validUntil passes: the
 * page is kept until then.
 */
function renderAndKeep(
  model: BadgeViewModel,
  at: {
    key: string;
    i18n: Translator;
    stamp: string;
    changes: number | undefined;
    nowMs: number;
    turns: number[];
  },
): RenderedPage {
  const inLanguage = (node: Child) =>
    String(<I18nContext.Provider value={at.i18n}>{node}</I18nContext.Provider>);
  const rendered: RenderedPage = {
    stamp: at.stamp,
    changes: at.changes,
    publicUrl: model.publicUrl,
    window: [at.nowMs, Math.min(Infinity, ...at.turns.filter((t) => t > at.nowMs))],
    title: model.name,
    body: inLanguage(<BadgeBody model={model} />),
    head: inLanguage(<BadgeHead model={model} />),
  };
  if (!model.private) renderedPages.set(at.key, rendered);
  return rendered;
}

/** GET /badges/:id: the public page (served from the rendered-page cache while still current). */
async function showBadge(c: C) {
  const { db, config, credentials, clock } = c.var.deps;
  const id = badgeId(c);
  // The reader's translator (pseudo too, when CAIRN_PSEUDO_LOCALE lets a tester ask for it).
  const i18n = requestTranslator(c);
  const { locale } = i18n;
  const key = cacheKey(i18n, id);
  // Noted before anything is read: a page kept at this count is current while the count holds.
  const changes = embeddedChanges(db);
  const nowMs = clock.now().getTime();
  const snapshot = servedSnapshot(key, changes, config.publicUrl, nowMs);
  if (snapshot) return page(c, snapshot.title, raw(snapshot.body), 200, raw(snapshot.head));
  const loaded = await loadBadgePage(
    { db, config, credentials, now: clock.now() },
    { publicId: id, viewerId: viewerId(c), locale },
  );
  if (loaded.kind === 'private')
    return page(
      c,
      i18n.t('issuing.badge.private.title'),
      <PrivateBadgeView model={loaded.model} />,
      200,
      <meta name="robots" content="noindex" />,
    );
  const { model, stamp, turns } = loaded;
  const cached = model.private ? undefined : renderedPages.get(key);
  if (cached && cached.stamp === stamp) {
    // Still current at the count noted before this request read anything.
    renderedPages.set(key, { ...cached, changes });
    return page(c, cached.title, raw(cached.body), 200, raw(cached.head));
  }
  const rendered = renderAndKeep(model, { key, i18n, stamp, changes, nowMs, turns });
  return page(c, rendered.title, raw(rendered.body), 200, raw(rendered.head));
}

/** The public page of one badge: what it says, a live verification, and ways to share and download it. */
export function badgeRoutes() {
  const r = new Hono<AppEnv>();
  servePageScript(r, 'copy.js');
  r.get('/badges/:id', (c) => showBadge(c));
  r.get('/badges/:id/qr.svg', async (c) => {
    const row = await loadBadgeFile(c.var.deps.db, badgeId(c), viewerId(c));
    const svg = await QRCode.toString(`${c.var.deps.config.publicUrl}${issuingPaths.badge(row.public_id)}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    return c.body(svg, 200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=86400',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  });
  r.get('/badges/:id/credential.json', async (c) => {
    const row = await loadBadgeFile(c.var.deps.db, badgeId(c), viewerId(c));
    return c.body(row.document, 200, {
      'Content-Type': 'application/vc+ld+json',
      'Access-Control-Allow-Origin': '*',
    });
  });
  r.get('/badges/:id/credential.jwt', async (c) => {
    const row = await loadBadgeFile(c.var.deps.db, badgeId(c), viewerId(c));
    // Only reads: made at issue time (or, for badges issued before, by the backfill job).
    const jwt = await storedBadgeJwt(c.var.deps.db, row.id);
    return c.body(jwt, 200, { 'Content-Type': 'application/vc+jwt' });
  });
  r.get('/badges/:id/baked.png', async (c) => {
    const row = await loadBadgeFile(c.var.deps.db, badgeId(c), viewerId(c));
    c.header('Cache-Control', row.private ? 'private, no-store' : 'public, max-age=300');
    return c.body(Buffer.from(bakePng((await badgeArtwork(c.var.deps.db, row)).png, row.document)), 200, {
      'Content-Type': 'image/png',
    });
  });
  r.get('/badges/:id/baked.svg', async (c) => {
    const row = await loadBadgeFile(c.var.deps.db, badgeId(c), viewerId(c));
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return c.body(
      bakeSvg((await badgeArtwork(c.var.deps.db, row)).svg, row.document, {
        verifyUrl: `${c.var.deps.config.publicUrl}${issuingPaths.badge(row.public_id)}`,
      }),
      200,
      { 'Content-Type': 'image/svg+xml' },
    );
  });
  r.get('/oembed', async (c) => {
    const target = c.req.query('url') ?? '';
    const prefix = `${c.var.deps.config.publicUrl}/badges/`;
    if (!target.startsWith(prefix)) throw notFound('badge');
    const id = target.slice(prefix.length).split(/[/?#]/)[0]!;
    if (!/^[A-Za-z0-9_]+$/.test(id)) throw notFound('badge');
    const { title } = await loadEmbed(c.var.deps.db, id);
    // The snippet is built from the badge's own address, never from what was asked for.
    const page = `${prefix}${id}`;
    const html = `<a href="${attr(page)}"><img src="${attr(page)}/baked.png" width="120" height="120" alt="${attr(title)}"></a>`;
    return c.json({
      version: '1.0',
      type: 'rich',
      title,
      provider_name: 'Cairn',
      provider_url: c.var.deps.config.publicUrl,
      width: 120,
      height: 120,
      html,
    });
  });
  return r;
}
