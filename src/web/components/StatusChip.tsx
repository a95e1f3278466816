import { useT } from '../i18n/context.ts';

/** A status the catalogue can name, and the tone it is shown in. */
export const STATUS_TONES = {
  active: 'ok',
  approved: 'ok',
  verified: 'ok',
  published: 'ok',
  pending: 'warn',
  submitted: 'info',
  draft: 'neutral',
  archived: 'neutral',
  expired: 'warn',
  suspended: 'warn',
  revoked: 'bad',
  rejected: 'bad',
  unverified: 'bad',
} as const;
export type Status = keyof typeof STATUS_TONES;

/**
 * A status as a small coloured chip with its word (never colour alone): "Active", "Revoked".
 * `data-status` keeps the machine value for tests and scripts.
 */
export function StatusChip({ status }: { status: Status }) {
  const { t } = useT();
  return (
    <span class={`chip ${STATUS_TONES[status]}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
