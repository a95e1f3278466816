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

/** Every form holding a button whose text is exactly `buttonText` (a list of badges has one each). */
export function formsOfButton(html: string, buttonText: string): ButtonForm[] {
  const found: ButtonForm[] = [];
  for (const m of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const form = formOfButton(m[0], buttonText);
    if (form) found.push(form);
  }
  return found;
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

/** The body and opening tag of the first fieldset whose legend reads exactly `legend` (null when none). */
function fieldsetWithLegend(html: string, legend: string): { open: string; body: string } | null {
  for (const m of html.matchAll(/<fieldset\b([^>]*)>([\s\S]*?)<\/fieldset>/g)) {
    const body = m[2] ?? '';
    if (text(/<legend>([\s\S]*?)<\/legend>/.exec(body)?.[1] ?? '') === legend)
      return { open: m[1] ?? '', body };
  }
  return null;
}

const attributesOf = (tag: string): Record<string, string> =>
  Object.fromEntries(
    [...tag.matchAll(/\s([\w-]+)(?:="([^"]*)")?/g)].map((a) => [a[1] ?? '', decode(a[2] ?? '')]),
  );

/** A fieldset found by its legend: whether it is hidden, and its attributes (e.g. data-…). */
export function fieldsetByLegend(
  html: string,
  legend: string,
): { hidden: boolean; attributes: Record<string, string> } {
  const found = fieldsetWithLegend(html, legend);
  if (!found) throw new Error(`No fieldset with the legend "${legend}".`);
  const attributes = attributesOf(found.open);
  return { hidden: 'hidden' in attributes, attributes };
}

/** The labels of the ticked checkboxes in the fieldset with this legend, in page order. */
export function checkedIn(html: string, legend: string): string[] {
  const found = fieldsetWithLegend(html, legend);
  if (!found) throw new Error(`No fieldset with the legend "${legend}".`);
  return [...found.body.matchAll(/<label\b[^>]*>([\s\S]*?)<\/label>/g)]
    .filter((m) => /<input\b[^>]*type="checkbox"[^>]*\bchecked\b/.test(m[1] ?? ''))
    .map((m) => text(m[1] ?? ''));
}

/** The elements that carry an attribute with this value: their tag and whether they are hidden. */
export function elementsWith(
  html: string,
  attribute: string,
  value: string,
): Array<{ tag: string; hidden: boolean }> {
  return [...html.matchAll(/<([a-z][\w-]*)\b([^>]*)>/g)]
    .map((m) => ({ tag: m[1] ?? '', attributes: attributesOf(m[2] ?? '') }))
    .filter((e) => e.attributes[attribute] === value)
    .map((e) => ({ tag: e.tag, hidden: 'hidden' in e.attributes }));
}

/** The text of the element with this id (null when there is none). */
export function textById(html: string, id: string): string | null {
  const m = new RegExp(`<([a-z][\\w-]*)\\b[^>]*\\bid="${escapeRe(id)}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? text(m[2] ?? '') : null;
}

/** How many elements have all these classes (one, or several separated by spaces) among theirs. */
export function countWithClass(html: string, classNames: string): number {
  const wanted = classNames.split(/\s+/).filter(Boolean);
  return [...html.matchAll(/\sclass="([^"]*)"/g)].filter((m) => {
    const classes = (m[1] ?? '').split(/\s+/);
    return wanted.every((w) => classes.includes(w));
  }).length;
}

/** The one-time message at the top of a page (its kind and text), or null when there is none. */
export function flashMessage(html: string): { kind: string; text: string } | null {
  const m = /<p class="flash (\w+)"[^>]*>([\s\S]*?)<\/p>/.exec(html);
  return m ? { kind: m[1] ?? '', text: text(m[2] ?? '') } : null;
}

/** A form's error summary: its message and the listed field errors (null when none is shown). */
export function errorSummary(html: string): { message: string; errors: string[] } | null {
  const m = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  if (!m) return null;
  const body = m[1] ?? '';
  return {
    message: text(/<strong>([\s\S]*?)<\/strong>/.exec(body)?.[1] ?? ''),
    errors: [...body.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => text(li[1] ?? '')),
  };
}

/** The address of the first image whose alt text is exactly `alt` (null when none). */
export function imageSrc(html: string, alt: string): string | null {
  for (const m of html.matchAll(/<img\b([^>]*)>/g)) {
    const attributes = attributesOf(m[1] ?? '');
    if (attributes.alt === alt) return attributes.src ?? null;
  }
  return null;
}

/** The content of the page's `<meta>` with this property or name (null when none). */
export function metaContent(html: string, propertyOrName: string): string | null {
  for (const m of html.matchAll(/<meta\b([^>]*)>/g)) {
    const attributes = attributesOf(m[1] ?? '');
    if (attributes.property === propertyOrName || attributes.name === propertyOrName)
      return attributes.content ?? null;
  }
  return null;
}

/** The JSON-LD documents the page carries (`<script type="application/ld+json">`), parsed. */
export function jsonLd(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? 'null') as unknown,
  );
}

/** A badge card (src/web/components/BadgeCard.tsx) as a person reads it. */
export interface BadgeCardText {
  /** The card's id attribute ('' when none). */
  id: string;
  title: string;
  /** Where the title links (null when the title is not a link). */
  href: string | null;
  /** The machine value of its status chip (data-status), null when it has none. */
  status: string | null;
  /** What the chip says. */
  statusText: string | null;
  /** The src of its image (null when it shows the issuer's monogram instead). */
  image: string | null;
  /** The card's words (title, issuer, chip, lines) without its controls or a decorative monogram. */
  text: string;
  /** The texts of the buttons and links among its controls. */
  actions: string[];
}

/** Every badge card of a page, in order. */
export function badgeCards(html: string): BadgeCardText[] {
  return [...html.matchAll(/<article class="badge-card"([^>]*)>([\s\S]*?)<\/article>/g)].map((m) => {
    const body = m[2] ?? '';
    const at = body.indexOf('<div class="badge-card-actions">');
    // A decorative picture (the issuer's monogram, aria-hidden) is not read out.
    const main = (at < 0 ? body : body.slice(0, at)).replace(
      /<svg\b[^>]*aria-hidden="true"[\s\S]*?<\/svg>/g,
      '',
    );
    const controls = at < 0 ? '' : body.slice(at);
    const heading = /<h3>([\s\S]*?)<\/h3>/.exec(main)?.[1] ?? '';
    const chip = /<span class="chip[^"]*" data-status="([^"]*)"[^>]*>([\s\S]*?)<\/span>/.exec(main);
    return {
      id: decode(/\bid="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? ''),
      title: text(heading),
      href: /<a\b[^>]*\bhref="([^"]*)"/.exec(heading)?.[1] ?? null,
      status: chip?.[1] ?? null,
      statusText: chip ? text(chip[2] ?? '') : null,
      image: decode(/<img\b[^>]*\bsrc="([^"]*)"/.exec(main)?.[1] ?? '') || null,
      text: pageText(main),
      actions: [...controls.matchAll(/<(button|a)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((c) => text(c[2] ?? '')),
    };
  });
}

/** The texts of the list items under a heading (up to the next heading of any level). */
export function listAfter(html: string, heading: string): string[] {
  const at = html.search(new RegExp(`<h[1-6][^>]*>${escapeRe(heading)}</h[1-6]>`));
  if (at < 0) throw new Error(`No heading "${heading}".`);
  const rest = html.slice(at).replace(/^<h[1-6][^>]*>[\s\S]*?<\/h[1-6]>/, '');
  const next = rest.search(/<h[1-6][\s>]/);
  const part = next < 0 ? rest : rest.slice(0, next);
  return [...part.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)].map((li) => pageText(li[1] ?? ''));
}

/** One choice of a select: its value, its text, and whether it is selected. */
export interface SelectOption {
  value: string;
  text: string;
  selected: boolean;
}

/** The options of the select a `<label for>` with exactly this text names (groups flattened). */
export function optionsOf(html: string, label: string): SelectOption[] {
  const { id, tag } = byLabel(html, label);
  if (tag !== 'select') throw new Error(`The control labelled "${label}" is a ${tag}, not a select.`);
  return optionsAt(html, html.search(new RegExp(`<select\\b[^>]*\\bid="${escapeRe(id)}"`)));
}

/** The options of the first select with this `name` (for a select wrapped in its label). */
export function optionsNamed(html: string, name: string): SelectOption[] {
  const at = html.search(new RegExp(`<select\\b[^>]*\\bname="${escapeRe(name)}"`));
  if (at < 0) throw new Error(`No select named "${name}".`);
  return optionsAt(html, at);
}

function optionsAt(html: string, open: number): SelectOption[] {
  const body = html.slice(open, html.indexOf('</select>', open));
  return [...body.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)].map((m) => ({
    value: decode(/\bvalue="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? ''),
    text: text(m[2] ?? ''),
    selected: /\bselected\b/.test(m[1] ?? ''),
  }));
}

/** A checkbox or radio button inside a `<label>` whose text is exactly `labelText` (null when none). */
export function checkboxLabelled(
  html: string,
  labelText: string,
): { name: string; value: string; checked: boolean } | null {
  for (const m of html.matchAll(/<label\b[^>]*>([\s\S]*?)<\/label>/g)) {
    const body = m[1] ?? '';
    const input = /<input\b[^>]*type="(?:checkbox|radio)"[^>]*>/.exec(body);
    if (!input || text(body) !== labelText) continue;
    const attr = (name: string) => decode(new RegExp(`\\b${name}="([^"]*)"`).exec(input[0])?.[1] ?? '');
    return { name: attr('name'), value: attr('value'), checked: /\bchecked\b/.test(input[0]) };
  }
  return null;
}

/**
 * The table that follows a heading, read as a person reads a two-column sheet (an invoice, a
 * receipt): each row's header cell (`<th scope="row">`) with the text of the cell beside it.
 */
export function rowsByHeader(html: string, heading: string): Record<string, string> {
  const at = html.search(new RegExp(`<h[1-6][^>]*>${escapeRe(heading)}</h[1-6]>`));
  if (at < 0) throw new Error(`No heading "${heading}".`);
  const end = html.indexOf('</table>', at);
  const body = html.slice(at, end < 0 ? undefined : end);
  const rows: Record<string, string> = {};
  for (const row of body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const header = /<th scope="row"[^>]*>([\s\S]*?)<\/th>/.exec(row[1] ?? '');
    const cell = /<td[^>]*>([\s\S]*?)<\/td>/.exec(row[1] ?? '');
    if (header) rows[text(header[1] ?? '')] = text(cell?.[1] ?? '');
  }
  return rows;
}

/** The texts of the elements with this role (e.g. "status": a page's status line and its flash message). */
export function textsWithRole(html: string, role: string): string[] {
  const texts: string[] = [];
  for (const m of html.matchAll(new RegExp(`<(\\w+)\\b[^>]*\\brole="${escapeRe(role)}"[^>]*>`, 'g'))) {
    const start = (m.index ?? 0) + m[0].length;
    texts.push(text(html.slice(start, html.indexOf(`</${m[1]}>`, start))));
  }
  return texts;
}

/** The addresses of the page's scripts (`<script src>`), with whether each is deferred. */
export function scriptTags(html: string): Array<{ src: string; defer: boolean }> {
  return [...html.matchAll(/<script\b([^>]*)>/g)].flatMap((m) => {
    const src = /\bsrc="([^"]*)"/.exec(m[1] ?? '')?.[1];
    return src ? [{ src: decode(src), defer: /\bdefer\b/.test(m[1] ?? '') }] : [];
  });
}

/** The accessible names (aria-label) of the page's pictures: elements with role="img". */
export function imageNames(html: string): string[] {
  return [...html.matchAll(/<[a-z]+\b[^>]*\brole="img"[^>]*>/g)].map((m) =>
    decode(/\baria-label="([^"]*)"/.exec(m[0])?.[1] ?? ''),
  );
}

/** The attributes of the first element with this id (null when there is none). */
export function attributesById(html: string, id: string): Record<string, string> | null {
  const open = new RegExp(`<[a-zA-Z0-9-]+\\b[^>]*\\bid="${escapeRe(id)}"[^>]*>`).exec(html);
  return open ? attributesOf(open[0]) : null;
}

/** The attributes of the form holding a button whose text is exactly `buttonText` (null when none). */
export function formAttributes(html: string, buttonText: string): Record<string, string> | null {
  for (const m of html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/g)) {
    const buttons = [...(m[2] ?? '').matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)];
    if (buttons.some((b) => text(b[1] ?? '') === buttonText)) return attributesOf(m[1] ?? '');
  }
  return null;
}

/** Every button on the page: its text and its attributes. */
export function buttons(html: string): Array<{ text: string; attributes: Record<string, string> }> {
  return [...html.matchAll(/(<button\b[^>]*>)([\s\S]*?)<\/button>/g)].map((m) => ({
    text: text(m[2] ?? ''),
    attributes: attributesOf(m[1] ?? ''),
  }));
}

/** The seconds after which the page reloads itself (`<meta http-equiv="refresh">`), null when it does not. */
export function refreshSeconds(html: string): number | null {
  const meta = /<meta\b[^>]*http-equiv="refresh"[^>]*>/.exec(html);
  return meta ? Number(attributesOf(meta[0]).content ?? '') : null;
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

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const asWritten = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * The language a text is read in (WCAG 3.1.1/3.1.2): the `lang` of the nearest element around its
 * first occurrence shown (in the <body> of a whole page) that has one (on a whole page, at least
 * <html lang>); null when none of the markup given says. Throws when the text is not there.
 */
export function languageOfText(html: string, wanted: string): string | null {
  const at = html.indexOf(asWritten(wanted), Math.max(0, html.indexOf('<body')));
  if (at < 0) throw new Error(`No text "${wanted}".`);
  const open: Array<{ tag: string; lang: string | null }> = [];
  for (const m of html.slice(0, at).matchAll(/<(\/?)([a-zA-Z][\w-]*)\b([^>]*)>/g)) {
    const tag = (m[2] ?? '').toLowerCase();
    if (m[1]) {
      const last = open.map((e) => e.tag).lastIndexOf(tag);
      if (last >= 0) open.length = last;
    } else if (!VOID_ELEMENTS.has(tag) && !(m[3] ?? '').endsWith('/'))
      open.push({ tag, lang: attributesOf(m[3] ?? '').lang ?? null });
  }
  return open.findLast((e) => e.lang !== null)?.lang ?? null;
}
