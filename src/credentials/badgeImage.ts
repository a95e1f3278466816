import { Resvg } from '@resvg/resvg-js';
import { sniffImage } from './baking/index.ts';

/** A problem with an uploaded badge image, written for the designer. */
export class BadgeImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadgeImageError';
  }
}

export const MAX_IMAGE_BYTES = 512 * 1024;

/**
 * Removes what must never be in a badge SVG: scripts, event handlers, foreignObject, DOCTYPE and
 * entities, and references to anything outside the file (only `#fragment` and inline data images stay).
 */
export function sanitizeSvg(svg: string): string {
  let out = svg.replace(/<!DOCTYPE[\s\S]*?(\[[\s\S]*?\])?\s*>/gi, '').replace(/<!ENTITY[\s\S]*?>/gi, '');
  out = out.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').replace(/<script\b[^>]*\/>/gi, '');
  out = out
    .replace(/<foreignObject\b[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/<foreignObject\b[^>]*\/>/gi, '');
  out = out.replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  out = out.replace(
    /\s+(xlink:)?href\s*=\s*("([^"]*)"|'([^']*)')/gi,
    (all, _x: string, _q: string, dq: string | undefined, sq: string | undefined) => {
      const v = (dq ?? sq ?? '').trim();
      return v.startsWith('#') || /^data:image\/(png|jpeg|gif|webp);base64,/i.test(v) ? all : '';
    },
  );
  out = out.replace(/url\(\s*['"]?(?!#)[^)]*\)/gi, 'none');
  out = out.replace(/@import[^;]*;?/gi, '');
  if (/<script|javascript:|<foreignObject|\son[a-z]+\s*=/i.test(out))
    throw new BadgeImageError(
      'This SVG contains active content that cannot be removed safely. Export it again as plain shapes.',
    );
  return out;
}

/** Renders an SVG to PNG (resvg; no network, no scripts). */
export function renderPng(svg: string, width = 512): Uint8Array {
  try {
    return new Uint8Array(
      new Resvg(svg, {
        fitTo: { mode: 'width', value: width },
        font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
      })
        .render()
        .asPng(),
    );
  } catch (err) {
    throw new BadgeImageError(`The SVG could not be drawn: ${(err as Error).message}`);
  }
}

/** Checks an upload by its bytes: a PNG is kept as is; an SVG is sanitised and also rendered to PNG. */
export function acceptUpload(bytes: Uint8Array): { svg: string | null; png: Uint8Array } {
  if (bytes.length === 0) throw new BadgeImageError('The file is empty.');
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new BadgeImageError(
      `Badge images are limited to ${MAX_IMAGE_BYTES / 1024} KB; this one is ${Math.ceil(bytes.length / 1024)} KB.`,
    );
  const kind = sniffImage(bytes);
  if (kind === 'png') return { svg: null, png: bytes };
  if (kind === 'svg') {
    const svg = sanitizeSvg(Buffer.from(bytes).toString('utf8'));
    return { svg, png: renderPng(svg) };
  }
  throw new BadgeImageError('Upload a PNG or an SVG image (the file’s contents are checked, not its name).');
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if ((line + ' ' + word).trim().length > max && line) {
      lines.push(line);
      line = word;
    } else line = `${line} ${word}`.trim();
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

/** A clean default badge: a hexagon in the issuer's colour with the title and the issuer's name. */
export function defaultBadgeSvg(title: string, issuer: string, colour = '#1f5f8b'): string {
  const safeColour = /^#[0-9a-f]{6}$/i.test(colour) ? colour : '#1f5f8b';
  const lines = wrap(title, 16);
  const start = 250 - (lines.length - 1) * 22;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <polygon points="256,16 464,136 464,376 256,496 48,376 48,136" fill="${safeColour}"/>
  <polygon points="256,44 440,150 440,362 256,468 72,362 72,150" fill="none" stroke="#ffffff" stroke-width="6" opacity="0.8"/>
  ${lines.map((l, i) => `<text x="256" y="${start + i * 44}" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="38" font-weight="bold" fill="#ffffff">${escape(l)}</text>`).join('\n  ')}
  <text x="256" y="${start + lines.length * 44 + 26}" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="22" fill="#ffffff" opacity="0.9">${escape(issuer.slice(0, 40))}</text>
</svg>`;
}
