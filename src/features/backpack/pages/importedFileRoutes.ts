import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams } from '../../../http/params.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { bakePng, bakeSvg } from '../../../credentials/baking/index.ts';
import { defaultBadgeSvg, renderPng } from '../../../credentials/badgeImage.ts';
import { zipStream } from '../../../web/zip.ts';
import { ownImportedBadge, sharedCollectionBadge, type ImportedBadge } from '../access.ts';
import { bakeable, importedFile, isImage, slugOf } from '../importedFiles.ts';
import { backpackPaths } from '../paths.ts';
import { backpackExportEntries } from './backpackExport.ts';
import { badgeName } from '../badgeDisplay.ts';

type C = Context<AppEnv>;

// An SVG from elsewhere is shown as an image only, never as a document that could run script.
const IMAGE_ONLY_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function sendImported(c: C, row: ImportedBadge, disposition: 'inline' | 'attachment') {
  const file = importedFile(row);
  c.header('Content-Security-Policy', IMAGE_ONLY_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Disposition', `${disposition}; filename="${file.filename}"`);
  return c.body(typeof file.body === 'string' ? file.body : Buffer.from(file.body), 200, {
    'Content-Type': file.contentType,
  });
}

function sendImage(c: C, row: ImportedBadge) {
  if (!isImage(row.format)) throw new AppError('not_found', requestTranslator(c).t('backpack.files.noImage'));
  return sendImported(c, row, 'inline');
}

/** An imported Open Badges 3.0 credential (JSON or VC-JWT) baked into a plain badge image, for sites that take images. */
function sendBaked(c: C, row: ImportedBadge, ext: 'png' | 'svg') {
  if (!bakeable(row)) throw new AppError('not_found', requestTranslator(c).t('backpack.files.notBakeable'));
  const name = badgeName(requestTranslator(c), row.name);
  const svg = defaultBadgeSvg(name, row.issuer_name ?? '');
  c.header('Content-Disposition', `attachment; filename="${slugOf(name)}.${ext}"`);
  if (ext === 'png')
    return c.body(Buffer.from(bakePng(renderPng(svg), row.original_text!)), 200, {
      'Content-Type': 'image/png',
    });
  c.header('Content-Security-Policy', IMAGE_ONLY_CSP);
  return c.body(bakeSvg(svg, row.original_text!), 200, { 'Content-Type': 'image/svg+xml' });
}

const ownParams = z.object({ id: publicIdParam });
const sharedParams = z.object({ token: z.string(), id: publicIdParam });
const THE_BADGE = { what: 'badge' } as const;

/** The files of imported badges (the earner's own, and those a shared collection shows) and the ZIP of everything. */
export function importedFileRoutes() {
  const r = new Hono<AppEnv>();
  const own = (c: C) =>
    ownImportedBadge(
      c.var.deps.db,
      requireViewer(c.var.viewer).user_id,
      routeParams(c, ownParams, THE_BADGE).id,
    );
  const shared = (c: C) => {
    const { token, id } = routeParams(c, sharedParams, THE_BADGE);
    return sharedCollectionBadge(c.var.deps.db, token, id);
  };
  const imported = backpackPaths.importedBadge(':id');
  const sharedPaths = backpackPaths.sharedCollection(':token');

  r.get(imported.download, async (c) => sendImported(c, await own(c), 'attachment'));
  r.get(imported.baked('png'), async (c) => sendBaked(c, await own(c), 'png'));
  r.get(imported.baked('svg'), async (c) => sendBaked(c, await own(c), 'svg'));
  r.get(imported.image, async (c) => sendImage(c, await own(c)));
  r.get(sharedPaths.importedBadge(':id'), async (c) => sendImported(c, await shared(c), 'attachment'));
  r.get(sharedPaths.importedImage(':id'), async (c) => sendImage(c, await shared(c)));

  r.get(backpackPaths.exportZip, (c) => {
    const viewer = requireViewer(c.var.viewer);
    const { db, clock, config } = c.var.deps;
    const now = clock.now();
    const entries = backpackExportEntries(db, viewer.user_id, now, config.publicUrl);
    return c.body(zipStream(entries, { defaultDate: now }), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="cairn-backpack-${now.toISOString().slice(0, 10)}.zip"`,
      'Cache-Control': 'no-store',
    });
  });
  return r;
}
