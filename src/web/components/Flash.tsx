import { useT } from '../i18n/context.ts';

/** A message shown once after a redirect ("Invitation sent…"). */
export interface Flash {
  kind: 'success' | 'info' | 'error';
  text: string;
}

/**
 * The one-time message at the top of the page: a status (or, for errors, an alert) with its kind
 * said in words as well as colour (the stylesheet shows data-kind before the text, and screen
 * readers read it; the text stays the paragraph's only child for pages that read it back).
 */
export function FlashMessage({ flash }: { flash: Flash }) {
  const { t } = useT();
  return (
    <p
      class={`flash ${flash.kind}`}
      role={flash.kind === 'error' ? 'alert' : 'status'}
      data-kind={t(`flash.${flash.kind}`)}
    >
      {flash.text}
    </p>
  );
}
