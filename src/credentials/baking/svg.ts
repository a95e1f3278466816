import { BakingError } from './png.ts';

const OB3_NS = 'https://purl.imsglobal.org/ob/v3p0';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]{1,8}|#\d{1,8}|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    if (e[0] !== '#') return entities[e.toLowerCase()]!;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    // A reference to no character (past U+10FFFF) stays as written.
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

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
  throw new BakingError('not_svg', 'notSvg');
}

function cdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** Embeds an OB 3.0 credential as `<openbadges:credential>` in the SVG root; re-baking replaces it. */
export function bakeSvg(svg: string, credential: string, options: { verifyUrl?: string } = {}): string {
  const cleaned = svg.replace(
    /<openbadges:credential\b[^>]*\/>\s*|<openbadges:credential\b[^>]*>[\s\S]*?<\/openbadges:credential>\s*/g,
    '',
  );
  const { end } = rootTag(cleaned);
  let open = cleaned.slice(0, end);
  const selfClosing = open.endsWith('/');
  if (selfClosing) open = open.slice(0, -1);
  if (!/\sxmlns:openbadges\s*=/.test(open)) open += ` xmlns:openbadges="${OB3_NS}"`;
  const verify = options.verifyUrl ? ` verify="${escapeAttr(options.verifyUrl)}"` : '';
  const element = `<openbadges:credential${verify}>${cdata(credential)}</openbadges:credential>`;
  return `${open}>${element}${selfClosing ? '</svg>' : ''}${cleaned.slice(end + 1)}`;
}

/**
 * The text of an element's content: CDATA sections as they are, other text XML-decoded, anything
 * else (a tag) kept. Linear in the content, however it is written.
 */
function elementText(raw: string): string {
  let out = '';
  let i = 0;
  let cdataCloses = true;
  while (i < raw.length) {
    if (cdataCloses && raw.startsWith('<![CDATA[', i)) {
      const end = raw.indexOf(']]>', i + 9);
      if (end >= 0) {
        out += raw.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      cdataCloses = false; // no later section can close either
    }
    if (raw[i] === '<') {
      out += '<';
      i++;
      continue;
    }
    const next = raw.indexOf('<', i);
    const stop = next < 0 ? raw.length : next;
    out += decodeXml(raw.slice(i, stop));
    i = stop;
  }
  return out;
}

/** The first `<openbadges:{tag}>` element: its attributes and content (null content when self-closing). Linear. */
function findElement(svg: string, tag: string): { attrs: string; content: string | null } | null {
  const open = `<openbadges:${tag}`;
  for (let at = svg.indexOf(open); at >= 0; at = svg.indexOf(open, at + 1)) {
    if (/[\w-]/.test(svg[at + open.length] ?? '')) continue; // a longer tag name
    const gt = svg.indexOf('>', at);
    if (gt < 0) return null;
    const inside = svg.slice(at + open.length, gt);
    if (inside.endsWith('/')) return { attrs: inside.slice(0, -1), content: null };
    const close = svg.indexOf(`</openbadges:${tag}>`, gt);
    if (close < 0) return null;
    return { attrs: inside, content: svg.slice(gt + 1, close) };
  }
  return null;
}

/** The credential in an SVG: OB 3.0 `<openbadges:credential>`, else OB 2.0 `<openbadges:assertion>`; null when none. */
export function extractFromSvg(svg: string): { format: 'ob3' | 'ob2'; data: string } | null {
  rootTag(svg);
  for (const [tag, format] of [
    ['credential', 'ob3'],
    ['assertion', 'ob2'],
  ] as const) {
    const element = findElement(svg, tag);
    if (!element) continue;
    const content = elementText(element.content ?? '').trim();
    if (content) return { format, data: content };
    const verify = /\bverify\s*=\s*"([^"]*)"|\bverify\s*=\s*'([^']*)'/.exec(element.attrs);
    if (verify) return { format, data: decodeXml(verify[1] ?? verify[2] ?? '') };
  }
  return null;
}
