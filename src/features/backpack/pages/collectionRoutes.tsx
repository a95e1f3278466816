import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams } from '../../../http/params.ts';
import { PageScriptTag } from '../../../web/pageScripts.tsx';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { readPreferences, requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { addToCollection } from '../commands/addToCollection.ts';
import { createCollection } from '../commands/createCollection.ts';
import { deleteCollection } from '../commands/deleteCollection.ts';
import { moveInCollection } from '../commands/moveInCollection.ts';
import { removeFromCollection } from '../commands/removeFromCollection.ts';
import { shareCollection } from '../commands/shareCollection.ts';
import { updateCollection } from '../commands/updateCollection.ts';
import { translateMessage } from '../messages.ts';
import { backpackPaths } from '../paths.ts';
import { loadCollection, loadCollections, loadSharedCollection } from './collectionLoaders.ts';
import { CollectionView } from './collectionView.tsx';
import { CollectionsView, SharedCollectionView } from './collectionViews.tsx';

type C = Context<AppEnv>;
const actorOf = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
const THE_COLLECTION = { what: 'collection' } as const;
const collectionParams = z.object({ id: publicIdParam });
/** An item of a collection: a number that is no item (or no number) is refused by the command. */
const itemParams = z.object({ id: publicIdParam, item: z.coerce.number().int().catch(-1) });
const sharedParams = z.object({ token: z.string() });
const collectionOf = (c: C) => routeParams(c, collectionParams, THE_COLLECTION).id;
const pathsOf = (c: C) => backpackPaths.collection(collectionOf(c));
const say = (c: C) => requestTranslator(c);

async function renderCollections(c: C, form: FormState = emptyForm, status: ContentfulStatusCode = 200) {
  const collections = await loadCollections(c.var.deps.db, requireViewer(c.var.viewer).user_id);
  const body = <CollectionsView collections={collections} form={form} csrf={c.var.csrfToken} />;
  return page(c, say(c).t('backpack.collections.title'), body, status);
}

/**
 * One collection. Only a hash of its share link is stored, so the link itself is shown once, on
 * the page the share button returns (`newToken`); later the owner can make a new link.
 */
async function renderCollection(
  c: C,
  form: FormState = emptyForm,
  status: ContentfulStatusCode = 200,
  newToken: string | null = null,
) {
  const { db, clock, config } = c.var.deps;
  const newLink = newToken ? `${config.publicUrl}${backpackPaths.sharedCollection(newToken).page}` : null;
  const viewer = requireViewer(c.var.viewer);
  const locale = readPreferences(c).locale;
  const model = await loadCollection(db, viewer.user_id, collectionOf(c), clock.now(), newLink, locale);
  const body = <CollectionView model={model} form={form} csrf={c.var.csrfToken} />;
  const head = model.newLink ? <PageScriptTag name="copy.js" /> : undefined;
  return page(c, model.collection.name, body, status, head);
}

async function postAdd(c: C) {
  const fields = await formFields(c);
  const badge = String(fields.badge ?? '');
  const t = say(c);
  try {
    await addToCollection(c.var.deps, {
      actor: actorOf(c),
      collection: String(fields.collection ?? ''),
      badge,
    });
  } catch (err) {
    if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed'))
      return redirectWith(c, backpackPaths.backpack, 'error', translateMessage(t, err.message));
    throw err;
  }
  return redirectWith(c, backpackPaths.badgeInBackpack(badge), 'success', t.t('backpack.flash.added'));
}

function formRoutes(r: Hono<AppEnv>) {
  r.post(backpackPaths.collections, async (c) => {
    const fields = await formFields(c);
    const t = say(c);
    const run = async () => {
      const id = await createCollection(c.var.deps, { actor: actorOf(c), ...fields });
      const text = t.t('backpack.flash.collectionCreated');
      return redirectWith(c, backpackPaths.collection(id).page, 'success', text);
    };
    return handleForm(c, fields, run, (form, status) => renderCollections(c, form, status));
  });
  r.post(backpackPaths.collection(':id').page, async (c) => {
    const fields = await formFields(c);
    const t = say(c);
    const run = async () => {
      await updateCollection(c.var.deps, { actor: actorOf(c), ...fields, collection: collectionOf(c) });
      return redirectWith(c, pathsOf(c).page, 'success', t.t('backpack.flash.saved'));
    };
    return handleForm(c, fields, run, (form, status) => renderCollection(c, form, status));
  });
}

function sharingRoutes(r: Hono<AppEnv>) {
  const paths = backpackPaths.collection(':id');
  r.post(paths.delete, async (c) => {
    await deleteCollection(c.var.deps, { actor: actorOf(c), collection: collectionOf(c) });
    const text = say(c).t('backpack.flash.collectionDeleted');
    return redirectWith(c, backpackPaths.collections, 'success', text);
  });
  r.post(paths.share, async (c) => {
    // The new link is shown on this response only (its hash is all that is kept).
    const token = await shareCollection(c.var.deps, {
      actor: actorOf(c),
      collection: collectionOf(c),
      share: true,
    });
    c.header('Cache-Control', 'no-store');
    return renderCollection(c, emptyForm, 201, token);
  });
  r.post(paths.unshare, async (c) => {
    await shareCollection(c.var.deps, { actor: actorOf(c), collection: collectionOf(c), share: false });
    return redirectWith(c, pathsOf(c).page, 'success', say(c).t('backpack.flash.unshared'));
  });
}

function itemRoutes(r: Hono<AppEnv>) {
  const paths = backpackPaths.collection(':id');
  r.post(paths.removeItem(':item'), async (c) => {
    const { id, item } = routeParams(c, itemParams, THE_COLLECTION);
    await removeFromCollection(c.var.deps, { actor: actorOf(c), collection: id, item });
    const text = say(c).t('backpack.flash.removedFromCollection');
    return redirectWith(c, backpackPaths.collection(id).page, 'success', text);
  });
  r.post(paths.moveItem(':item'), async (c) => {
    const { id, item } = routeParams(c, itemParams, THE_COLLECTION);
    const direction = (await formFields(c)).direction === 'up' ? 'up' : 'down';
    await moveInCollection(c.var.deps, { actor: actorOf(c), collection: id, item, direction });
    return c.redirect(backpackPaths.collection(id).page, 303);
  });
}

/** The earner's collections, and the public page of a shared one. */
export function collectionRoutes() {
  const r = new Hono<AppEnv>();
  r.get(backpackPaths.collections, (c) => renderCollections(c));
  r.post(backpackPaths.addToCollection, postAdd);
  r.get(backpackPaths.collection(':id').page, (c) => renderCollection(c));
  formRoutes(r);
  sharingRoutes(r);
  itemRoutes(r);
  r.get(backpackPaths.sharedCollection(':token').page, async (c) => {
    const { token } = routeParams(c, sharedParams, THE_COLLECTION);
    const { db, clock } = c.var.deps;
    const locale = readPreferences(c).locale;
    const { collection, items } = await loadSharedCollection(db, token, clock.now(), locale);
    c.header('X-Robots-Tag', 'noindex');
    const body = <SharedCollectionView collection={collection} items={items} token={token} />;
    return page(c, collection.name, body, 200, <meta name="robots" content="noindex" />);
  });
  return r;
}
