import type { Child } from 'hono/jsx';
import { BadgeCard } from '../../../web/components/BadgeCard.tsx';
import { CsrfField, ErrorSummary, Field, type FormState } from '../../../web/forms.tsx';
import { backpackPaths, issuedBadgeFiles } from '../paths.ts';
import type { CollectionItem } from '../queries/collections.ts';
import { day, StatusChip } from './parts.tsx';

export type CollectionSummary = {
  public_id: string;
  name: string;
  items: number;
  shared: boolean;
  shared_at: Date | null;
};

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
  if (item.kind === 'issued') {
    const files = issuedBadgeFiles(item.publicId);
    return (
      <BadgeCard
        badge={{ href: files.page, title: item.name, issuer: item.issuerName, imageUrl: files.bakedPng }}
        chip={<StatusChip status={item.status} />}
        actions={actions}
      >
        <p>
          Issued on {day(item.issuedOn)}.
          {!sharedToken && item.private ? ' Private: hidden from the shared link.' : ''}
        </p>
      </BadgeCard>
    );
  }
  const shared = sharedToken ? backpackPaths.sharedCollection(sharedToken) : null;
  const own = backpackPaths.importedBadge(item.publicId);
  const image = item.hasImage ? (shared ? shared.importedImage(item.publicId) : own.image) : item.imageUrl;
  const verdict =
    item.status === 'valid'
      ? 'verified'
      : item.status === 'failed'
        ? `not verified: ${item.reason ?? ''}`
        : `signature verified; ${item.reason ?? ''}`;
  return (
    <BadgeCard
      badge={{ href: null, title: item.name, issuer: item.issuerName, imageUrl: image }}
      chip={<StatusChip status={item.status} />}
      actions={actions}
    >
      <p>
        {item.issuedOn ? `Issued on ${day(item.issuedOn)}. ` : ''}Imported from another platform; {verdict} on{' '}
        {day(item.checkedAt)}.{' '}
        <a href={shared ? shared.importedBadge(item.publicId) : own.download}>Download the credential</a>
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
  return (
    <>
      <p>
        <a href={backpackPaths.backpack}>← Backpack</a>
      </p>
      <h1>Your collections</h1>
      {collections.length === 0 && (
        <p class="muted">
          No collections yet. A collection groups badges (say, for a job application) and can be shared by a
          link.
        </p>
      )}
      <ul>
        {collections.map((r) => (
          <li>
            <a href={backpackPaths.collection(r.public_id).page}>{r.name}</a> — {r.items} badge
            {r.items === 1 ? '' : 's'}
            {r.shared
              ? ` · shared by link${r.shared_at ? ` since ${day(r.shared_at)}` : ''}`
              : ' · not shared'}
          </li>
        ))}
      </ul>
      <section class="card" aria-labelledby="h-new">
        <h2 id="h-new">New collection</h2>
        <ErrorSummary form={form} />
        <form method="post" action={backpackPaths.collections} class="stack" novalidate>
          <CsrfField token={csrf} />
          <Field form={form} name="name" label="Name" required />
          <Field form={form} name="description" label="Description (optional)" />
          <button type="submit">Create collection</button>
        </form>
      </section>
    </>
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
  return (
    <>
      <h1>{collection.name}</h1>
      <p class="muted">Badges collected by {collection.owner_name}.</p>
      {collection.description && <p>{collection.description}</p>}
      {items.length === 0 && <p class="muted">No badges to show.</p>}
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
