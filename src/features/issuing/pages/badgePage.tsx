import { Hono, type Context } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { ownCredentialState, verifyWithCairn } from '../../verification/index.ts';
import { badgeForEmbed, findBadge, lastStatusEvent } from '../queries/badges.ts';
import { raw } from 'hono/html';
import { BoundedCache } from '../../../domain/boundedCache.ts';
import { verdictOf } from '../../verification/index.ts';
import { storedBadgeJwt } from './badgeJwt.ts';
import QRCode from 'qrcode';
import { embeddedChanges } from '../../../storage/database.ts';
import { bakePng, bakeSvg } from '../../../credentials/baking/index.ts';
import { credentialArtwork } from '../../catalog/index.ts';
import type { AppEnv } from '../../../http/env.ts';
import { page } from '../../../web/render.tsx';
import { recognitionPanelData } from '../../recognition/index.ts';
import { badgeBody, badgeHead, VerdictChip, type BadgeViewModel } from './badgeView.tsx';
import { issuerIdentity } from './issuerIdentity.ts';
import { servePageScript } from '../../../web/pageScripts.tsx';
import { hashEmailIdentity } from '../../../credentials/openBadgeCredential.ts';
import { issuingPaths } from '../paths.ts';

type C = Context<AppEnv>;
type Json = Record<string, unknown>;

async function load(c: C) {
  return findBadge(c.var.deps.db, c.req.param('id') ?? '');
}

/**
 * Whose badge it is, as the public page says it: the name of the account that accepted it (or the
 * name inside the signed credential), unless the earner hid it; and whether the signed credential
 * itself binds that name (named in it) or only identifies its holder, the name being shown by this site.
 */
export function issuedTo(
  row: { show_name: boolean | null; holder_name: string | null; recipient_email: string | null },
  subject: Json,
): { name: string; binding: string } | null {
  if (row.show_name === false) return null;
  const signedName = typeof subject.name === 'string' && subject.name.trim() ? subject.name.trim() : null;
  const name = row.holder_name ?? signedName;
  if (!name) return null;
  if (signedName && signedName === name)
    return { name, binding: 'The name is part of the signed credential.' };
  const ids = Array.isArray(subject.identifier) ? (subject.identifier as Json[]) : [];
  const emailMatches =
    !!row.recipient_email &&
    ids.some(
      (i) =>
        i.identityType === 'emailAddress' &&
        typeof i.salt === 'string' &&
        i.identityHash === hashEmailIdentity(row.recipient_email!, i.salt),
    );
  return {
    name,
    binding: emailMatches
      ? 'The signed credential identifies its holder by email address (hashed), and it matches the account that accepted it; the name itself is shown by this site, not signed.'
      : 'The name is shown by this site from the account that accepted the badge; the signed credential does not contain it.',
  };
}

/** The earner made this badge private (in their backpack) and the visitor is not that earner. */
const hiddenFrom = (c: C, row: { private: boolean | null; privacy_user_id: number | null }) =>
  row.private === true && c.var.viewer?.user_id !== row.privacy_user_id;

/** A badge whose files (credential, baked images, QR code) only its earner may fetch while it is private. */
async function loadFiles(c: C) {
  const row = await load(c);
  if (hiddenFrom(c, row)) throw notFound('badge');
  return row;
}

/** A private badge's page for visitors: only whether the credential is valid, nothing about it or its earner. */
function privateBadgePage(c: C, verdict: ReturnType<typeof verdictOf>, verified: boolean) {
  return page(
    c,
    'Private badge',
    <>
      <h1>A private badge</h1>
      <section class="card" aria-labelledby="h-verify">
        <h2 id="h-verify">Verification</h2>
        <p role="status">
          <VerdictChip verdict={verdict} />{' '}
          {verified ? 'This credential is valid.' : 'This credential is not valid.'}
        </p>
      </section>
      <p>
        Its earner keeps the details private. If they gave you the credential itself (a file or its text), you
        can check everything it says at <a href="/verify">/verify</a>.
      </p>
    </>,
    200,
    <meta name="robots" content="noindex" />,
  );
}

const html = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (v: string) => html(v).replace(/"/g, '&quot;');

/** Rendered public badge pages by badge id, with the stamp of everything they show. */
const renderedPages = new BoundedCache<
  string,
  {
    stamp: string;
    changes: number | undefined;
    publicUrl: string;
    window: [number, number];
    title: string;
    body: string;
    head: string;
  }
>(2048);

/** The badge's share texts: LinkedIn's "add to profile" link, share links, embed and email-signature snippets. */
function shareLinks(b: {
  name: string;
  orgName: string;
  publicId: string;
  url: string;
  issued: Date;
  validUntil: Date | null;
}) {
  const linkedIn = new URL('https://www.linkedin.com/profile/add');
  linkedIn.search = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: b.name,
    organizationName: b.orgName,
    issueYear: String(b.issued.getUTCFullYear()),
    issueMonth: String(b.issued.getUTCMonth() + 1),
    ...(b.validUntil
      ? {
          expirationYear: String(b.validUntil.getUTCFullYear()),
          expirationMonth: String(b.validUntil.getUTCMonth() + 1),
        }
      : {}),
    certUrl: b.url,
    certId: b.publicId,
  }).toString();
  const share = {
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(b.url)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(b.url)}`,
    x: `https://x.com/intent/post?url=${encodeURIComponent(b.url)}&text=${encodeURIComponent(`I earned ${b.name} from ${b.orgName}`)}`,
    email: `mailto:?subject=${encodeURIComponent(`My badge: ${b.name}`)}&body=${encodeURIComponent(b.url)}`,
  };
  const alt = `${attr(b.name)} — ${attr(b.orgName)}`;
  const embed = `<a href="${b.url}"><img src="${b.url}/baked.png" alt="${alt}" width="120" height="120"></a>`;
  // Pasted into mail clients (no CSP there, no stylesheet): the snippet keeps its inline styles.
  const signature = `<a href="${b.url}" style="text-decoration:none;color:inherit"><img src="${b.url}/baked.png" alt="${alt}" width="48" height="48" style="vertical-align:middle;border:0"> <span style="font:13px sans-serif">${html(b.name)} · ${html(b.orgName)} · verified badge</span></a>`;
  return { linkedIn, share, embed, signature };
}

/**
 * On the embedded database a rendered public page stays current until data may have changed
 * (or its dates pass): the page kept for this badge when it is still current, so it is served
 * without a query.
 */
function servedSnapshot(id: string, changes: number | undefined, publicUrl: string, nowMs: number) {
  const snapshot = changes === undefined ? undefined : renderedPages.get(id);
  const current =
    snapshot &&
    snapshot.changes === changes &&
    snapshot.publicUrl === publicUrl &&
    nowMs >= snapshot.window[0] &&
    nowMs < snapshot.window[1];
  return current ? snapshot : undefined;
}

/**
 * Renders the page and, for a badge that is not private, keeps it for the next visitors. The
 * verdict can change by itself when validFrom or validUntil passes: the page is kept until then.
 */
function renderAndKeep(
  model: BadgeViewModel,
  at: { stamp: string; changes: number | undefined; nowMs: number; validFrom: number; keep: boolean },
) {
  const turns = [at.validFrom, model.validUntil?.getTime() ?? NaN].filter((t) => t > at.nowMs);
  const rendered = {
    stamp: at.stamp,
    changes: at.changes,
    publicUrl: model.publicUrl,
    window: [at.nowMs, Math.min(Infinity, ...turns)] as [number, number],
    title: model.name,
    body: String(badgeBody(model)),
    head: String(badgeHead(model)),
  };
  if (at.keep) renderedPages.set(model.row.public_id, rendered);
  return rendered;
}

/** GET /badges/:id: the public page (served from the rendered-page cache while still current). */
async function showBadge(c: C) {
  const { db, config, credentials, clock } = c.var.deps;
  // On the embedded database a rendered public page stays current until data may have changed
  // (or its dates pass), so it is served without a query.
  const changes = embeddedChanges(db);
  const nowMs = clock.now().getTime();
  const snapshot = servedSnapshot(c.req.param('id') ?? '', changes, config.publicUrl, nowMs);
  if (snapshot) return page(c, snapshot.title, raw(snapshot.body), 200, raw(snapshot.head));
  const row = await load(c);
  const doc = JSON.parse(row.document) as Json & {
    credentialSubject: Json & { achievement: Json & { criteria?: Json } };
    issuer: Json;
  };
  const report = await verifyWithCairn(
    row.document,
    { db, config, services: credentials, now: clock.now() },
    { hash: row.document_sha256, state: ownCredentialState(row.key_status, row.lists) },
  );
  const failed = report.checks.filter((x) => !x.ok);
  const verdict = verdictOf(report);
  if (hiddenFrom(c, row)) return privateBadgePage(c, verdict, report.verified);
  const statusEvent =
    verdict === 'Revoked' || verdict === 'Suspended' ? await lastStatusEvent(db, row.public_id) : null;
  const url = `${config.publicUrl}${issuingPaths.badge(row.public_id)}`;
  const recognition =
    row.approved_somewhere && row.micro_credential_id !== null && row.micro_credential_version !== null
      ? await recognitionPanelData(db, row.micro_credential_id, row.micro_credential_version, row.issued_at)
      : null;
  // The page says the same to every visitor while what it shows is unchanged: the document, the
  // verification state and verdict, the public reason and the recognition panel.
  const holder = issuedTo(row, doc.credentialSubject);
  const stamp = JSON.stringify([
    config.publicUrl,
    row.document_sha256,
    ownCredentialState(row.key_status, row.lists),
    verdict,
    report.checks.map((x) => x.ok),
    statusEvent,
    recognition,
    holder,
  ]);
  const cached = row.private ? undefined : renderedPages.get(row.public_id);
  if (cached && cached.stamp === stamp) {
    // Still current at the count noted before this request read anything.
    renderedPages.set(row.public_id, { ...cached, changes });
    return page(c, cached.title, raw(cached.body), 200, raw(cached.head));
  }
  const achievement = doc.credentialSubject.achievement;
  const name = String(achievement.name ?? row.achievement_name);
  // The organisation's name from its record, and beside it the identifier the signature proves.
  const issuer = issuerIdentity(report, config.publicUrl);
  const issued = row.issued_at;
  const validUntil = typeof doc.validUntil === 'string' ? new Date(doc.validUntil) : null;
  const { linkedIn, share, embed, signature } = shareLinks({
    name,
    orgName: row.org_name,
    publicId: row.public_id,
    url,
    issued,
    validUntil,
  });
  const model: BadgeViewModel = {
    name,
    holder,
    row,
    issuer,
    issued,
    validUntil,
    report,
    verdict,
    failed,
    statusEvent,
    url,
    recognition,
    achievement,
    linkedIn,
    share,
    embed,
    signature,
    publicUrl: config.publicUrl,
  };
  const validFrom = Date.parse(String(doc.validFrom ?? ''));
  const rendered = renderAndKeep(model, { stamp, changes, nowMs, validFrom, keep: !row.private });
  return page(c, name, raw(rendered.body), 200, raw(rendered.head));
}

/** The public page of one badge: what it says, a live verification, and ways to share and download it. */
export function badgeRoutes() {
  const r = new Hono<AppEnv>();
  servePageScript(r, 'copy.js');
  r.get('/badges/:id', (c) => showBadge(c));
  r.get('/badges/:id/qr.svg', async (c) => {
    const row = await loadFiles(c);
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
    const row = await loadFiles(c);
    return c.body(row.document, 200, {
      'Content-Type': 'application/vc+ld+json',
      'Access-Control-Allow-Origin': '*',
    });
  });
  r.get('/badges/:id/credential.jwt', async (c) => {
    const row = await loadFiles(c);
    // Only reads: made at issue time (or, for badges issued before, by the backfill job).
    const jwt = await storedBadgeJwt(c.var.deps.db, row.id);
    return c.body(jwt, 200, { 'Content-Type': 'application/vc+jwt' });
  });
  r.get('/badges/:id/baked.png', async (c) => {
    const row = await loadFiles(c);
    c.header('Cache-Control', row.private ? 'private, no-store' : 'public, max-age=300');
    return c.body(
      Buffer.from(
        bakePng(
          (await credentialArtwork(c.var.deps.db, row.id, row.achievement_name, row.org_name)).png,
          row.document,
        ),
      ),
      200,
      { 'Content-Type': 'image/png' },
    );
  });
  r.get('/badges/:id/baked.svg', async (c) => {
    const row = await loadFiles(c);
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return c.body(
      bakeSvg(
        (await credentialArtwork(c.var.deps.db, row.id, row.achievement_name, row.org_name)).svg,
        row.document,
        { verifyUrl: `${c.var.deps.config.publicUrl}${issuingPaths.badge(row.public_id)}` },
      ),
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
    const row = await badgeForEmbed(c.var.deps.db, id);
    if (!row || row.private === true) throw notFound('badge');
    // The snippet is built from the badge's own address, never from what was asked for.
    const page = `${prefix}${id}`;
    const html = `<a href="${attr(page)}"><img src="${attr(page)}/baked.png" width="120" height="120" alt="${attr(`${row.achievement_name} — ${row.name}`)}"></a>`;
    return c.json({
      version: '1.0',
      type: 'rich',
      title: `${row.achievement_name} — ${row.name}`,
      provider_name: 'Cairn',
      provider_url: c.var.deps.config.publicUrl,
      width: 120,
      height: 120,
      html,
    });
  });
  return r;
}
