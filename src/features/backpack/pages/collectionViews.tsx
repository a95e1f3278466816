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

/** A badge of a collection; an imported one links to its file through the owner's or the shared path. */
export function CollectionItemView({ item, sharedToken }: { item: CollectionItem; sharedToken?: string }) {
  if (item.kind === 'issued') {
    const files = issuedBadgeFiles(item.publicId);
    return (
      <>
        <img src={files.bakedPng} alt="" width="64" height="64" class="float-end" />
        <h3>
          <a href={files.page}>{item.name}</a>
        </h3>
        <p>
          <StatusChip status={item.status} /> Issued by {item.issuerName} on {day(item.issuedOn)}.
          {!sharedToken && item.private ? ' Private: hidden from the shared link.' : ''}
        </p>
      </>
    );
  }
  const shared = sharedToken ? backpackPaths.sharedCollection(sharedToken) : null;
  const own = backpackPaths.importedBadge(item.publicId);
  const image = shared ? shared.importedImage(item.publicId) : own.image;
  const verdict =
    item.status === 'valid'
      ? 'verified'
      : item.status === 'failed'
        ? `not verified: ${item.reason ?? ''}`
        : `signature verified; ${item.reason ?? ''}`;
  return (
    <>
      {item.hasImage && <img src={image} alt="" width="64" height="64" class="float-end" />}
      {!item.hasImage && item.imageUrl && (
        <img src={item.imageUrl} alt="" width="64" height="64" class="float-end" />
      )}
      <h3>{item.name}</h3>
      <p>
        <StatusChip status={item.status} />{' '}
        {item.issuerName ? `Issued by ${item.issuerName}` : 'Issuer unknown'}
        {item.issuedOn ? ` on ${day(item.issuedOn)}` : ''}. Imported from another platform; {verdict} on{' '}
        {day(item.checkedAt)}.{' '}
        <a href={shared ? shared.importedBadge(item.publicId) : own.download}>Download the credential</a>
      </p>
    </>
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
      <ul class="plain-list">
        {items.map((item) => (
          <li class="card">
            <CollectionItemView item={item} sharedToken={token} />
          </li>
        ))}
      </ul>
    </>
  );
}
