import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { assetPath } from './assets/registry.ts';
import { PAGE_SCRIPTS, type PageScript } from './assets/scripts.ts';
import { useT } from './i18n/context.ts';

export { PAGE_SCRIPTS, type PageScript } from './assets/scripts.ts';

// Page scripts: the tag that loads one, and the copy field copy.js enhances. The scripts
// themselves live in ./assets/scripts.ts and are served by ./assets/registry.ts.

/**
 * Serves one page script at its plain address /assets/<name> (cached for an hour), for links
 * made before the hashed names. Pages link the hashed, year-long copy through <PageScriptTag>.
 */
export function servePageScript(r: Hono<AppEnv>, name: PageScript): void {
  r.get(`/assets/${name}`, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PAGE_SCRIPTS[name], 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
}

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
  const { t } = useT();
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
      <button
        type="button"
        class="secondary"
        data-copy-from={id}
        hidden
        aria-label={t('components.copy.copyLabel', { label })}
      >
        {t('components.copy.copy')}
      </button>
    </div>
  );
}

/** The tag that loads a page script. */
export function PageScriptTag({ name }: { name: PageScript }) {
  return <script src={assetPath(name)} defer></script>;
}
