import { BakingError } from './png.ts';

const OB3_NS = 'https://purl.imsglobal.org/ob/v3p0';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : entities[e.toLowerCase()]!,
  );
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Where the root `<svg …>` start tag is, skipping an XML declaration, comments and a doctype. */
function rootTag(svg: string): { start: number; end: number } {
  const re = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>|\s+|<svg\b/giy;
  let m: RegExpExecArray | null;
  re.lastIndex = svg.charCodeAt(0) === 0xfeff ? 1 : 0;
  while ((m = re.exec(svg))) {
    if (/^<svg/i.test(m[0])) {
      let quote = '';
      for (let i = re.lastIndex; i < svg.length; i++) {
        const ch = svg[i]!;
        if (quote) quote = ch === quote ? '' : quote;
        else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') return { start: m.index, end: i };
      }
      break;
    }
  }
  throw new BakingError('not_svg', 'This file is not an SVG image (no <svg> root element).');
}

function cdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** Embeds an OB 3.0 credential as `<openbadges:credential>` in the SVG root; re-baking replaces it. */
export function bakeSvg(svg: string, credential: string, options: { verifyUrl?: string } = {}): string {
  const cleaned = svg.replace(/<openbadges:credential\b[^>]*\/>\s*|<openbadges:credential\b[^>]*>[\s\S]*?<\/openbadges:credential>\s*/g, '');
  const { end } = rootTag(cleaned);
  let open = cleaned.slice(0, end);
  const selfClosing = open.endsWith('/');
  if (selfClosing) open = open.slice(0, -1);
  if (!/\sxmlns:openbadges\s*=/.test(open)) open += ` xmlns:openbadges="${OB3_NS}"`;
  const verify = options.verifyUrl ? ` verify="${escapeAttr(options.verifyUrl)}"` : '';
  const element = `<openbadges:credential${verify}>${cdata(credential)}</openbadges:credential>`;
  return `${open}>${element}${selfClosing ? '</svg>' : ''}${cleaned.slice(end + 1)}`;
}

/** The credential in an SVG: OB 3.0 `<openbadges:credential>`, else OB 2.0 `<openbadges:assertion>`; null when none. */
export function extractFromSvg(svg: string): { format: 'ob3' | 'ob2'; data: string } | null {
  rootTag(svg);
  for (const [tag, format] of [['credential', 'ob3'], ['assertion', 'ob2']] as const) {
    const m = new RegExp(`<openbadges:${tag}\\b([^>]*?)(/>|>([\\s\\S]*?)</openbadges:${tag}>)`).exec(svg);
    if (!m) continue;
    const content = (m[3] ?? '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g, (_all, cd: string | undefined, text: string | undefined) => cd ?? decodeXml(text ?? '')).trim();
    if (content) return { format, data: content };
    const verify = /\bverify\s*=\s*"([^"]*)"|\bverify\s*=\s*'([^']*)'/.exec(m[1] ?? '');
    if (verify) return { format, data: decodeXml(verify[1] ?? verify[2] ?? '') };
  }
  return null;
}
