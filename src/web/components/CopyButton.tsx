import { useT } from '../i18n/context.ts';

/**
 * A button that copies the text of the element `from` (an id); hidden until copy.js runs, so
 * without JavaScript only the (selectable) text shows. Pages that use it load copy.js.
 */
export function CopyButton({ from, label }: { from: string; label: string }) {
  const { t } = useT();
  return (
    <button
      type="button"
      class="secondary"
      data-copy-from={from}
      data-copied={t('components.copy.copied')}
      hidden
      aria-label={t('components.copy.copyLabel', { label })}
    >
      {t('components.copy.copy')}
    </button>
  );
}
