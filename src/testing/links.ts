// Links a person follows must open pages: never the JSON API (/api/…) and never a raw .json/.jwt
// document unless the link is a download (marked `download`). Used by the mail and page tests.

/** The href of every <a> in an HTML document, with whether it carries `download`. */
export function anchors(html: string): Array<{ href: string; download: boolean }> {
  const out: Array<{ href: string; download: boolean }> = [];
  for (const tag of html.match(/<a\s[^>]*>/gi) ?? []) {
    const href = /\shref="([^"]*)"/i.exec(tag)?.[1];
    if (href !== undefined)
      out.push({ href: href.replaceAll('&amp;', '&'), download: /\sdownload(?:[=\s>]|$)/i.test(tag) });
  }
  return out;
}

/** Why a link a person follows would not open a page, or null when it does. */
export function rawDocumentLink(
  link: { href: string; download: boolean },
  base = 'http://cairn.test',
): string | null {
  let url: URL;
  try {
    url = new URL(link.href, base);
  } catch {
    return null;
  }
  if (url.origin !== new URL(base).origin) return null;
  if (url.pathname.startsWith('/api/') && url.pathname !== '/api/docs')
    return `${link.href} points into the JSON API`;
  if (/\.(json|jwt)$/i.test(url.pathname) && !link.download)
    return `${link.href} opens a raw document without being a download link`;
  return null;
}
