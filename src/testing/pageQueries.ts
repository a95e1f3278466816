/**
 * Small readers of rendered pages for in-process page tests: find a control by its label (as a
 * person or a screen reader would), its value, and the error shown beside it; links by their text.
 * They read the markup Cairn's form parts write (src/web/forms.tsx), not arbitrary HTML.
 */

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const text = (html: string) =>
  decode(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

export interface LabelledControl {
  id: string;
  /** The control's tag: input, select or textarea. */
  tag: string;
  /** The typed value (input value, textarea text, selected option's value). */
  value: string;
  /** The error text shown beside it (the element its aria-describedby names with `-error`). */
  error: string | null;
  /** aria-invalid="true" is set. */
  invalid: boolean;
  checked: boolean;
}

/** The control a `<label for>` with exactly this text names; throws when there is none. */
export function byLabel(html: string, label: string): LabelledControl {
  const labels = [...html.matchAll(/<label for="([^"]+)"[^>]*>([\s\S]*?)<\/label>/g)];
  const found = labels.find((m) => text(m[2] ?? '') === label);
  if (!found)
    throw new Error(
      `No control labelled "${label}". Labels: ${labels.map((m) => text(m[2] ?? '')).join(' | ')}`,
    );
  const id = found[1] ?? '';
  const open = new RegExp(`<(input|select|textarea)\\b[^>]*\\bid="${escapeRe(id)}"[^>]*>`).exec(html);
  if (!open) throw new Error(`The label "${label}" points at #${id}, which is not a control.`);
  const tag = open[1] ?? '';
  const attrs = open[0];
  const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
  let value = decode(attr('value') ?? '');
  if (tag === 'textarea')
    value = decode(html.slice(open.index + attrs.length, html.indexOf('</textarea>', open.index)));
  if (tag === 'select') {
    const body = html.slice(open.index, html.indexOf('</select>', open.index));
    value = decode(/<option value="([^"]*)" selected/.exec(body)?.[1] ?? '');
  }
  const described = (attr('aria-describedby') ?? '').split(' ').filter((d) => d.endsWith('-error'));
  let error: string | null = null;
  for (const d of described) {
    const el = new RegExp(`id="${escapeRe(d)}"[^>]*>([\\s\\S]*?)</`).exec(html);
    if (el) error = text(el[1] ?? '');
  }
  return {
    id,
    tag,
    value,
    error,
    invalid: attr('aria-invalid') === 'true',
    checked: /\bchecked\b/.test(attrs),
  };
}

/** Whether a control with this label exists. */
export function hasLabel(html: string, label: string): boolean {
  try {
    byLabel(html, label);
    return true;
  } catch {
    return false;
  }
}

/** The href of the first link whose text is exactly `linkText` (null when none). */
export function linkHref(html: string, linkText: string): string | null {
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g))
    if (text(m[2] ?? '') === linkText) return decode(m[1] ?? '');
  return null;
}

/** A form found by the text of its submit button: where it goes, how, and its hidden fields. */
export interface ButtonForm {
  action: string;
  method: string;
  hidden: Record<string, string>;
}

/** The form holding a button whose text is exactly `buttonText` (null when none). */
export function formOfButton(html: string, buttonText: string): ButtonForm | null {
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const body = m[2] ?? '';
    const buttons = [...body.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)];
    if (!buttons.some((b) => text(b[1] ?? '') === buttonText)) continue;
    const attr = (name: string) => decode(new RegExp(`\\b${name}="([^"]*)"`).exec(m[1] ?? '')?.[1] ?? '');
    const hidden: Record<string, string> = {};
    for (const h of body.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = /\bname="([^"]*)"/.exec(h[0])?.[1];
      if (name) hidden[name] = decode(/\bvalue="([^"]*)"/.exec(h[0])?.[1] ?? '');
    }
    return { action: attr('action'), method: (attr('method') || 'get').toLowerCase(), hidden };
  }
  return null;
}

/** The text of the error shown beside a fieldset's radio buttons or checkboxes (by its legend). */
export function fieldsetError(html: string, legend: string): string | null {
  for (const m of html.matchAll(/<fieldset\b([^>]*)>([\s\S]*?)<\/fieldset>/g)) {
    const body = m[2] ?? '';
    if (text(/<legend>([\s\S]*?)<\/legend>/.exec(body)?.[1] ?? '') !== legend) continue;
    const ref = /aria-describedby="([^"]+)"/.exec(m[1] ?? '')?.[1];
    if (!ref) return null;
    const el = new RegExp(`id="${escapeRe(ref)}"[^>]*>([\\s\\S]*?)</`).exec(body);
    return el ? text(el[1] ?? '') : null;
  }
  throw new Error(`No fieldset with the legend "${legend}".`);
}

/** The rows of the table that follows a heading, each as its cells' text. */
export function tableAfter(html: string, heading: string): string[][] {
  const at = html.search(new RegExp(`<h[1-6][^>]*>${escapeRe(heading)}</h[1-6]>`));
  if (at < 0) throw new Error(`No heading "${heading}".`);
  const start = html.indexOf('<tbody>', at);
  if (start < 0) return [];
  const body = html.slice(start, html.indexOf('</tbody>', start));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => text(cell[1] ?? '')),
  );
}

/** The page's text without markup (for plain messages). */
export function pageText(html: string): string {
  // Tags end words (a heading and the paragraph after it do not run together).
  return decode(html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:)])/g, '$1')
    .trim();
}

/** The content of a `<meta>` in the page's head, by its property (Open Graph) or name (null when none). */
export function metaContent(html: string, key: string): string | null {
  for (const m of html.matchAll(/<meta\b[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[0])?.[1];
    if (attr('property') === key || attr('name') === key) return decode(attr('content') ?? '');
  }
  return null;
}

/** The control labelled `label` inside the form whose button reads `buttonText` (for pages with two forms alike). */
export function byLabelInForm(html: string, buttonText: string, label: string): LabelledControl {
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const body = m[1] ?? '';
    const buttons = [...body.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)];
    if (buttons.some((b) => text(b[1] ?? '') === buttonText)) return byLabel(body, label);
  }
  throw new Error(`No form with the button "${buttonText}".`);
}

/** The page's headings (h1–h6) in order, as text. */
export function headings(html: string): string[] {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => text(m[2] ?? ''));
}

/** The element ids used more than once on the page (labels and ARIA need each to be unique). */
export function duplicateIds(html: string): string[] {
  const seen = new Map<string, number>();
  for (const m of html.matchAll(/<[a-z][^>]*\sid="([^"]+)"/g)) seen.set(m[1]!, (seen.get(m[1]!) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}
