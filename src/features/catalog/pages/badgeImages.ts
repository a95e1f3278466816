import { Hono } from 'hono';
import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import type { AppEnv } from '../../../http/env.ts';
import { routeParams } from '../../../http/params.ts';
import { badgeImagePath } from '../paths.ts';
import { findBadgeImage } from '../queries/badgeImages.ts';

const IMAGE_FILE = /^(img_[a-z0-9]+)\.(png|svg)$/;
/** An image's file name: its public id and kind (`img_….png` or `img_….svg`). */
const imageParams = z.object({
  file: z
    .string()
    .regex(IMAGE_FILE)
    .transform((f) => {
      const [, id = '', kind] = IMAGE_FILE.exec(f) ?? [];
      return { id, kind: kind === 'svg' ? ('svg' as const) : ('png' as const) };
    }),
});

/** Badge images by id, as PNG (always) or SVG (when one was uploaded or generated); immutable, so cached for long. */
export function imageRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/images/:file', async (c) => {
    const { file } = routeParams(c, imageParams, { what: 'image' });
    const image = await findBadgeImage(c.var.deps.db, file.id);
    if (!image || (file.kind === 'svg' && !image.svg)) throw notFound('image');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('ETag', `"${image.sha256}"`);
    c.header('Access-Control-Allow-Origin', '*');
    // An SVG opened on its own must not run anything, even if sanitising missed it.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    c.header('X-Content-Type-Options', 'nosniff');
    if (file.kind === 'svg') return c.body(image.svg!, 200, { 'Content-Type': 'image/svg+xml' });
    return c.body(Buffer.from(image.png), 200, { 'Content-Type': 'image/png' });
  });
  return r;
}

/** The public URL of a badge image. */
export function imageUrl(publicUrl: string, imagePublicId: string, kind: 'png' | 'svg' = 'png'): string {
  return `${publicUrl}${badgeImagePath(imagePublicId, kind)}`;
}
