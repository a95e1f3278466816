import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { assetPath } from './assets/registry.ts';
import type { PageScript } from './assets/scripts.ts';

export { PAGE_SCRIPTS, type PageScript } from './assets/scripts.ts';

// Page scripts: the tag that loads one, and the copy field copy.js enhances. The scripts
// themselves live in ./assets/scripts.ts and are served by ./assets/registry.ts.

/**
 * Kept for the pages that still call it: every page script is now served content-hashed and
 * long-cached by the web kit's assetRoutes (mounted once in createApp), so this does nothing.
 * @deprecated drop the call; <PageScriptTag name=…/> is all a page needs.
 */
export function servePageScript(_r: Hono<AppEnv>, _name: PageScript): void {}

/**
 * A labelled, read-only text to copy (a link, an embed snippet) with its Copy button. The text
 * stays selectable without JavaScript; copy.js shows the button (hidden until then).
 */
export function CopyField({
  id,
  label,
  value,
  rows,
}: {
  id: string;
  label: string;
  value: string;
  rows?: number;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {rows ? (
        <textarea id={id} rows={rows} readonly>
          {value}
        </textarea>
      ) : (
        <input id={id} type="text" value={value} readonly />
      )}
      <button type="button" class="secondary" data-copy-from={id} hidden aria-label={`Copy: ${label}`}>
        Copy
      </button>
    </div>
  );
}

/** The tag that loads a page script. */
export function PageScriptTag({ name }: { name: PageScript }) {
  return <script src={assetPath(name)} defer></script>;
}
