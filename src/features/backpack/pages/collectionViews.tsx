import type { Child } from 'hono/jsx';
import { BadgeCard } from '../../../web/components/BadgeCard.tsx';
import { CsrfField, ErrorSummary, Field, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { backpackPaths, issuedBadgeFiles } from '../paths.ts';
import type { CollectionItem } from '../queries/collections.ts';
import { StatusChip } from './parts.tsx';
import { badgeName } from '../badgeDisplay.ts';

export type CollectionSummary = {
  public_id: string;
  name: string;
  items: number;
  shared: boolean;
  shared_at: Date | null;
};

/** How an imported badge of a collection last verified, and when. */
function importedVerdict(i18n: Translator, item: CollectionItem & { kind: 'imported' }): string {
  const values = { date: i18n.date(item.checkedAt), reason: item.reason ?? '' };
  if (item.status === 'valid') return i18n.t('backpack.item.importedVerified', values);
  if (item.status === 'failed') return i18n.t('backpack.item.importedFailed', values);
  return i18n.t('backpack.item.importedPartly', values);
}

/**
 * A badge of a collection as a card; an imported one links to its file through the owner's or the
 * shared path. `actions` are the owner's controls (move, remove).
 */
export function CollectionItemView({
  item,
  sharedToken,
  actions,
}: {
  item: CollectionItem;
  sharedToken?: string;
  actions?: Child;
}) {
  const i18n = useT();
  const { t, date } = i18n;
  if (item.kind === 'issued') {
    const files = issuedBadgeFiles(item.publicId);
    return (
      <BadgeCard
        badge={{
          href: files.page,
          title: item.name,
          titleLang: item.nameLanguage,
          issuer: item.issuerName,
          imageUrl: files.bakedPng,
        }}
        chip={<StatusChip status={item.status} />}
        actions={actions}
      >
        <p>
          {item.issuedOn ? t('backpack.item.issuedOn', { date: date(item.issuedOn) }) : ''}
          {!sharedToken && item.private ? ` ${t('backpack.item.privateHidden')}` : ''}
        </p>
      </BadgeCard>
    );
  }
  const shared = sharedToken ? backpackPaths.sharedCollection(sharedToken) : null;
  const own = backpackPaths.importedBadge(item.publicId);
  const image = item.hasImage ? (shared ? shared.importedImage(item.publicId) : own.image) : item.imageUrl;
  return (
    <BadgeCard
      badge={{ href: null, title: badgeName(i18n, item.name), issuer: item.issuerName, imageUrl: image }}
      chip={<StatusChip status={item.status} />}
      actions={actions}
    >
      <p>
        {item.issuedOn ? `${t('backpack.item.issuedOn', { date: date(item.issuedOn) })} ` : ''}
        {importedVerdict(i18n, item)}{' '}
        <a href={shared ? shared.importedBadge(item.publicId) : own.download}>
          {t('backpack.item.download')}
        </a>
      </p>
    </BadgeCard>
  );
}

/** The earner's collections, and the form to make one. */
export function CollectionsView({
  collections,
  form,
  csrf,
}: {
  collections: CollectionSummary[];
  form: FormState;
  csrf: string;
}) {
  const { t } = useT();
  return (
    <>
      <p>
        <a href={backpackPaths.backpack}>{t('backpack.collections.back')}</a>
      </p>
      <h1>{t('backpack.collections.title')}</h1>
      {collections.length === 0 && <p class="muted">{t('backpack.collections.empty')}</p>}
      <ul>
        {collections.map((r) => (
          <CollectionLine r={r} />
        ))}
      </ul>
      <section class="card" aria-labelledby="h-new">
        <h2 id="h-new">{t('backpack.collections.newHeading')}</h2>
        <ErrorSummary form={form} />
        <form method="post" action={backpackPaths.collections} class="stack" novalidate>
          <CsrfField token={csrf} />
          <Field form={form} name="name" label={t('backpack.collections.name')} required />
          <Field form={form} name="description" label={t('backpack.collections.descriptionOptional')} />
          <button type="submit">{t('backpack.collections.create')}</button>
        </form>
      </section>
    </>
  );
}

function CollectionLine({ r }: { r: CollectionSummary }) {
  const { t, date } = useT();
  const sharing = !r.shared
    ? t('backpack.collections.notShared')
    : r.shared_at
      ? t('backpack.collections.sharedSince', { date: date(r.shared_at) })
      : t('backpack.collections.shared');
  return (
    <li>
      <a href={backpackPaths.collection(r.public_id).page}>{r.name}</a> —{' '}
      {t('backpack.collections.count', { count: r.items })} {sharing}
    </li>
  );
}

/** A shared collection, for anyone with its link. */
export function SharedCollectionView({
  collection,
  items,
  token,
}: {
  collection: { name: string; description: string; owner_name: string };
  items: CollectionItem[];
  token: string;
}) {
  const { t } = useT();
  return (
    <>
      <h1>{collection.name}</h1>
      <p class="muted">{t('backpack.shared.collectedBy', { name: collection.owner_name })}</p>
      {collection.description && <p>{collection.description}</p>}
      {items.length === 0 && <p class="muted">{t('backpack.shared.empty')}</p>}
      <ul class="badge-cards">
        {items.map((item) => (
          <li>
            <CollectionItemView item={item} sharedToken={token} />
          </li>
        ))}
      </ul>
    </>
  );
}
