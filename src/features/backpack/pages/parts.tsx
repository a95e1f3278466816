import { CsrfField } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import type { ImportedStatus } from '../../../storage/schema.ts';
import { backpackPaths } from '../paths.ts';

/** Every status a badge in the backpack can have (issued: valid…expired; imported: also failed). */
const STATUSES: readonly ImportedStatus[] = ['valid', 'revoked', 'suspended', 'expired', 'failed'];
const isStatus = (s: string): s is ImportedStatus => (STATUSES as readonly string[]).includes(s);

/** The chip tone (a class of the stylesheet's `.chip`) each status is shown in. */
const STATUS_TONE: Record<ImportedStatus, string> = {
  valid: 'ok',
  revoked: 'bad',
  suspended: 'warn',
  expired: 'neutral',
  failed: 'bad',
};

/** A status as a word inside a sentence ("Verified again: revoked."), in the reader's language. */
export const verdictWord = (t: Translator, status: string): string =>
  isStatus(status) ? t.t(`backpack.verdict.${status}`) : status;

export function StatusChip({ status }: { status: string }) {
  const { t } = useT();
  return (
    <span class={`chip ${isStatus(status) ? STATUS_TONE[status] : 'neutral'}`} data-status={status}>
      {isStatus(status) ? t(`backpack.status.${status}`) : status}
    </span>
  );
}

export type CollectionChoice = { public_id: string; name: string };

/** The "Add to collection" form under a badge; nothing when the earner has no collection. */
export function AddToCollection({
  badge,
  csrf,
  collections,
}: {
  badge: string;
  csrf: string;
  collections: CollectionChoice[];
}) {
  const { t } = useT();
  if (!collections.length) return null;
  return (
    <form method="post" action={backpackPaths.addToCollection} class="inline">
      <CsrfField token={csrf} />
      <input type="hidden" name="badge" value={badge} />
      <label for={`col-${badge}`}>{t('backpack.addToCollection.label')}</label>{' '}
      <select id={`col-${badge}`} name="collection" class="auto-width">
        {collections.map((c) => (
          <option value={c.public_id}>{c.name}</option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary">
        {t('backpack.addToCollection.add')}
      </button>
    </form>
  );
}
