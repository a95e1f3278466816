import { CsrfField } from '../../../web/forms.tsx';
import { backpackPaths } from '../paths.ts';

/** The chip tone (a class of the stylesheet's `.chip`) each status is shown in. */
const STATUS_TONE: Record<string, string> = {
  valid: 'ok',
  revoked: 'bad',
  suspended: 'warn',
  expired: 'neutral',
  failed: 'bad',
};
export const STATUS_TEXT: Record<string, string> = {
  valid: 'Valid',
  revoked: 'Revoked',
  suspended: 'Suspended',
  expired: 'Expired',
  failed: 'Not verified',
};

export function StatusChip({ status }: { status: string }) {
  return (
    <span class={`chip ${STATUS_TONE[status] ?? 'neutral'}`} data-status={status}>
      {STATUS_TEXT[status] ?? status}
    </span>
  );
}

export const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

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
  if (!collections.length) return null;
  return (
    <form method="post" action={backpackPaths.addToCollection} class="inline">
      <CsrfField token={csrf} />
      <input type="hidden" name="badge" value={badge} />
      <label for={`col-${badge}`}>Add to collection</label>{' '}
      <select id={`col-${badge}`} name="collection" class="auto-width">
        {collections.map((c) => (
          <option value={c.public_id}>{c.name}</option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary">
        Add
      </button>
    </form>
  );
}
