import { CopyButton } from '../../../web/components/CopyButton.tsx';
import { ActionButton, CsrfField, ErrorSummary, Field, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { backpackPaths } from '../paths.ts';
import type { Collection, CollectionItem } from '../queries/collections.ts';
import { CollectionItemView } from './collectionViews.tsx';

/** One of the earner's collections: its badges in order, how it is shared, and its details. */
export interface CollectionModel {
  collection: Pick<Collection, 'public_id' | 'name' | 'description' | 'shared' | 'shared_at'>;
  items: CollectionItem[];
  /** The share link, only on the response that made it (only its hash is kept). */
  newLink: string | null;
}

/** The new share link, to select or copy (copy.js shows the button). */
function NewLink({ link }: { link: string }) {
  const { t } = useT();
  const label = t('backpack.collection.copyNow');
  return (
    <>
      <p role="status">
        {t('backpack.collection.linkShown')} <a href={link}>{link}</a>
      </p>
      <div class="field">
        <label for="share-link">{label}</label>
        <input id="share-link" type="text" value={link} readonly />
        <CopyButton from="share-link" label={label} />
      </div>
    </>
  );
}

function Sharing({ model, csrf }: { model: CollectionModel; csrf: string }) {
  const { t, date } = useT();
  const { collection, newLink: link } = model;
  const paths = backpackPaths.collection(collection.public_id);
  const stop = (
    <ActionButton
      action={paths.unshare}
      csrfToken={csrf}
      label={t('backpack.collection.stop')}
      variant="danger"
    />
  );
  if (link)
    return (
      <>
        <NewLink link={link} />
        {stop}
      </>
    );
  if (collection.shared)
    return (
      <>
        <p>
          {collection.shared_at
            ? t('backpack.collection.sharedSince', { date: date(collection.shared_at) })
            : t('backpack.collection.shared')}
        </p>
        <ActionButton
          action={paths.share}
          csrfToken={csrf}
          label={t('backpack.collection.newLink')}
          variant="secondary"
        />{' '}
        {stop}
      </>
    );
  return (
    <>
      <p>{t('backpack.collection.notShared')}</p>
      <ActionButton action={paths.share} csrfToken={csrf} label={t('backpack.collection.share')} />
    </>
  );
}

function ItemActions({ model, at, csrf }: { model: CollectionModel; at: number; csrf: string }) {
  const { t } = useT();
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
      {at > 0 && move('up', t('backpack.collection.moveUp'))}{' '}
      {at < model.items.length - 1 && move('down', t('backpack.collection.moveDown'))}{' '}
      <ActionButton
        action={paths.removeItem(item.itemId)}
        csrfToken={csrf}
        label={t('backpack.collection.remove')}
        variant="secondary"
      />
    </p>
  );
}

function EditCollection({ model, form, csrf }: { model: CollectionModel; form: FormState; csrf: string }) {
  const { t } = useT();
  const { collection } = model;
  const paths = backpackPaths.collection(collection.public_id);
  return (
    <section class="card" aria-labelledby="h-edit">
      <h2 id="h-edit">{t('backpack.collection.edit')}</h2>
      <ErrorSummary form={form} />
      <form method="post" action={paths.page} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Field
          form={form}
          name="name"
          label={t('backpack.collection.name')}
          value={collection.name}
          required
        />
        <Field
          form={form}
          name="description"
          label={t('backpack.collection.description')}
          value={collection.description}
        />
        <button type="submit">{t('backpack.collection.save')}</button>
      </form>
      <p>
        <ActionButton
          action={paths.delete}
          csrfToken={csrf}
          label={t('backpack.collection.delete')}
          variant="danger"
        />
      </p>
    </section>
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
  const { t } = useT();
  const { collection, items } = model;
  return (
    <>
      <p>
        <a href={backpackPaths.collections}>{t('backpack.collection.back')}</a>
      </p>
      <h1>{collection.name}</h1>
      {collection.description && <p>{collection.description}</p>}
      <section class="card" aria-labelledby="h-share">
        <h2 id="h-share">{t('backpack.collection.sharing')}</h2>
        <Sharing model={model} csrf={csrf} />
      </section>
      <h2>{t('backpack.collection.badges', { count: items.length })}</h2>
      {items.length === 0 && (
        <p class="muted">
          {t('backpack.collection.emptyBefore')}{' '}
          <a href={backpackPaths.backpack}>{t('backpack.collection.emptyLink')}</a>
          {t('backpack.collection.emptyAfter')}
        </p>
      )}
      <ol class="badge-cards roomy">
        {items.map((item, i) => (
          <li>
            <CollectionItemView item={item} actions={<ItemActions model={model} at={i} csrf={csrf} />} />
          </li>
        ))}
      </ol>
      <EditCollection model={model} form={form} csrf={csrf} />
    </>
  );
}
