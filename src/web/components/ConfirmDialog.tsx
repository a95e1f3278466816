import type { Child } from 'hono/jsx';
import { useT } from '../i18n/context.ts';
import { CsrfField } from '../forms.tsx';

/**
 * A destructive action that asks first: the button opens a panel that says what will happen and
 * holds the real (posting) button and Cancel. Built on <details>, so it needs no script; Cancel
 * is a link back to the page, which shows it closed again.
 */
export function ConfirmDialog(props: {
  action: string;
  csrfToken: string;
  /** The button that opens the question, e.g. "Revoke". */
  label: string;
  /** The button that does it, e.g. "Yes, revoke this credential". */
  confirmLabel: string;
  /** What will happen; defaults to "Are you sure? This cannot be undone." */
  question?: Child;
  hidden?: Record<string, string>;
  /** Where Cancel goes (the page itself, closed). */
  cancelHref: string;
}) {
  const { t } = useT();
  return (
    <details class="confirm">
      <summary class="button danger">{props.label}</summary>
      <div class="confirm-panel" role="group" aria-label={props.label}>
        <p>{props.question ?? t('components.confirm.question')}</p>
        <form method="post" action={props.action} class="confirm-actions">
          <CsrfField token={props.csrfToken} />
          {Object.entries(props.hidden ?? {}).map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          <button type="submit" class="danger solid">
            {props.confirmLabel}
          </button>
          <a class="button secondary" href={props.cancelHref}>
            {t('components.confirm.cancel')}
          </a>
        </form>
      </div>
    </details>
  );
}
