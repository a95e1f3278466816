import { CopyField } from '../../../web/pageScripts.tsx';
import { ActionButton, CsrfField, ErrorSummary, Field, type FormState } from '../../../web/forms.tsx';
import { backpackPaths } from '../paths.ts';
import type { Collection, CollectionItem } from '../queries/collections.ts';
import { CollectionItemView } from './collectionViews.tsx';
import { day } from './parts.tsx';

/** One of the earner's collections: its badges in order, how it is shared, and its details. */
export interface CollectionModel {
  collection: Pick<Collection, 'public_id' | 'name' | 'description' | 'shared' | 'shared_at'>;
  items: CollectionItem[];
  /** The share link, only on the response that made it (only its hash is kept). */
  newLink: string | null;
}

function Sharing({ model, csrf }: { model: CollectionModel; csrf: string }) {
  const { collection, newLink: link } = model;
  const paths = backpackPaths.collection(collection.public_id);
  const stop = <ActionButton action={paths.unshare} csrfToken={csrf} label="Stop sharing" variant="danger" />;
  if (link)
    return (
      <>
        <p role="status">
          Anyone with this link sees the public badges of this collection and their status:{' '}
          <a href={link}>{link}</a>
        </p>
        <CopyField
          id="share-link"
          label="Copy the link now: for your privacy it is shown only this once."
          value={link}
        />
        {stop}
      </>
    );
  if (collection.shared)
    return (
      <>
        <p>
          Shared by a secret link{collection.shared_at ? ` since ${day(collection.shared_at)}` : ''}. The link
          is shown only once, when it is made, because Cairn keeps only a fingerprint of it. Lost it? Make a
          new link: the old one stops working.
        </p>
        <ActionButton action={paths.share} csrfToken={csrf} label="Make a new link" variant="secondary" />{' '}
        {stop}
      </>
    );
  return (
    <>
      <p>Not shared. Sharing makes a secret link; stopping sharing makes the link stop working.</p>
      <ActionButton action={paths.share} csrfToken={csrf} label="Share by link" />
    </>
  );
}

function ItemActions({ model, at, csrf }: { model: CollectionModel; at: number; csrf: string }) {
  const paths = backpackPaths.collection(model.collection.public_id);
  const item = model.items[at]!;
  const move = (direction: 'up' | 'down', label: string) => (
    <ActionButton
      action={paths.moveItem(item.itemId)}
      csrfToken={csrf}
      label={label}
      variant="secondary"
      hidden={{ direction }}
    />
  );
  return (
    <p>
      {at > 0 && move('up', 'Move up')} {at < model.items.length - 1 && move('down', 'Move down')}{' '}
      <ActionButton
        action={paths.removeItem(item.itemId)}
        csrfToken={csrf}
        label="Remove from collection"
        variant="secondary"
      />
    </p>
  );
}

export function CollectionView({
  model,
  form,
  csrf,
}: {
  model: CollectionModel;
  form: FormState;
  csrf: string;
}) {
  const { collection, items } = model;
  const paths = backpackPaths.collection(collection.public_id);
  return (
    <>
      <p>
        <a href={backpackPaths.collections}>← Collections</a>
      </p>
      <h1>{collection.name}</h1>
      {collection.description && <p>{collection.description}</p>}
      <section class="card" aria-labelledby="h-share">
        <h2 id="h-share">Sharing</h2>
        <Sharing model={model} csrf={csrf} />
      </section>
      <h2>Badges ({items.length})</h2>
      {items.length === 0 && (
        <p class="muted">
          Empty. Add badges from your <a href={backpackPaths.backpack}>backpack</a>.
        </p>
      )}
      <ol class="badge-cards roomy">
        {items.map((item, i) => (
          <li>
            <CollectionItemView item={item} actions={<ItemActions model={model} at={i} csrf={csrf} />} />
          </li>
        ))}
      </ol>
      <section class="card" aria-labelledby="h-edit">
        <h2 id="h-edit">Edit</h2>
        <ErrorSummary form={form} />
        <form method="post" action={paths.page} class="stack" novalidate>
          <CsrfField token={csrf} />
          <Field form={form} name="name" label="Name" value={collection.name} required />
          <Field form={form} name="description" label="Description" value={collection.description} />
          <button type="submit">Save</button>
        </form>
        <p>
          <ActionButton action={paths.delete} csrfToken={csrf} label="Delete collection" variant="danger" />
        </p>
      </section>
    </>
  );
}
