import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams } from '../../../http/params.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { readPreferences, requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { decideClaim } from '../../issuing/index.ts';
import { connectionsSection } from '../../ob3api/index.ts';
import { importBadge } from '../commands/importBadge.ts';
import { removeImportedBadge } from '../commands/removeImportedBadge.ts';
import { reverifyImportedBadge } from '../commands/reverifyImportedBadge.ts';
import { setBadgeNameShown } from '../commands/setBadgeNameShown.ts';
import { setBadgePrivacy } from '../commands/setBadgePrivacy.ts';
import { translateMessage } from '../messages.ts';
import { backpackPaths } from '../paths.ts';
import { BackpackView } from './backpackList.tsx';
import { loadBackpack } from './backpackLoader.ts';
import { verdictWord } from './parts.tsx';

type C = Context<AppEnv>;
const actorOf = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
/** The badge (an issued credential's or an import's public id) in the path. */
const badgeOf = (c: C) => routeParams(c, z.object({ id: publicIdParam }), { what: 'badge' }).id;

async function renderBackpack(c: C, form: FormState = emptyForm, status: ContentfulStatusCode = 200) {
  const viewer = requireViewer(c.var.viewer);
  const { db, clock } = c.var.deps;
  const t = requestTranslator(c);
  const model = await loadBackpack(db, viewer.user_id, clock.now(), readPreferences(c).locale);
  const otherBackpacks = await connectionsSection(c);
  const body = (
    <BackpackView model={model} form={form} csrf={c.var.csrfToken} otherBackpacks={otherBackpacks} />
  );
  return page(c, t.t('backpack.title'), body, status);
}

function importedMessage(t: Translator, result: { status: string; reason: string | null }): string {
  const reason = result.reason ?? '';
  if (result.status === 'valid') return t.t('backpack.flash.imported');
  if (result.status === 'failed') return t.t('backpack.flash.importedFailed', { reason });
  return t.t('backpack.flash.importedAs', { verdict: verdictWord(t, result.status), reason });
}

async function postImport(c: C) {
  const body = await c.req.parseBody();
  const file =
    body.file instanceof File && body.file.size > 0
      ? { name: body.file.name, bytes: new Uint8Array(await body.file.arrayBuffer()) }
      : undefined;
  const fields = {
    text: typeof body.text === 'string' ? body.text : '',
    url: typeof body.url === 'string' ? body.url : '',
  };
  const t = requestTranslator(c);
  return handleForm(
    c,
    fields,
    async () => {
      const result = await importBadge(c.var.deps, { actor: actorOf(c), ...fields, file });
      const kind = result.status === 'valid' ? 'success' : 'info';
      const text = importedMessage(t, result);
      return redirectWith(c, backpackPaths.badgeInBackpack(result.publicId), kind, text);
    },
    (form, status) => renderBackpack(c, form, status),
  );
}

function claimRoute(decision: 'accept' | 'decline') {
  return async (c: C) => {
    const t = requestTranslator(c);
    try {
      const claim = await decideClaim(c.var.deps, { actor: actorOf(c), credential: badgeOf(c), decision });
      const name = claim.badgeName;
      return redirectWith(
        c,
        backpackPaths.backpack,
        decision === 'accept' ? 'success' : 'info',
        t.t(decision === 'accept' ? 'backpack.flash.accepted' : 'backpack.flash.declined', { name }),
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict')
        return redirectWith(c, backpackPaths.backpack, 'error', translateMessage(t, err.message));
      throw err;
    }
  };
}

function privacyRoutes(r: Hono<AppEnv>) {
  const issued = backpackPaths.issuedBadge(':id');
  r.post(issued.privacy, async (c) => {
    const makePrivate = (await formFields(c)).private === 'true';
    const badge = badgeOf(c);
    await setBadgePrivacy(c.var.deps, { actor: actorOf(c), badge, private: makePrivate });
    const text = requestTranslator(c).t(
      makePrivate ? 'backpack.flash.madePrivate' : 'backpack.flash.madePublic',
    );
    return redirectWith(c, backpackPaths.badgeInBackpack(badge), 'success', text);
  });
  r.post(issued.name, async (c) => {
    const show = (await formFields(c)).show !== 'false';
    const badge = badgeOf(c);
    await setBadgeNameShown(c.var.deps, { actor: actorOf(c), badge, show });
    const text = requestTranslator(c).t(show ? 'backpack.flash.nameShown' : 'backpack.flash.nameHidden');
    return redirectWith(c, backpackPaths.badgeInBackpack(badge), 'success', text);
  });
}

function importedRoutes(r: Hono<AppEnv>) {
  const imported = backpackPaths.importedBadge(':id');
  r.post(imported.reverify, async (c) => {
    const t = requestTranslator(c);
    const badge = badgeOf(c);
    const result = await reverifyImportedBadge(c.var.deps, { actor: actorOf(c), badge });
    const text =
      result.status === 'valid'
        ? t.t('backpack.flash.reverifiedValid')
        : t.t('backpack.flash.reverified', {
            verdict: verdictWord(t, result.status),
            reason: result.reason ?? '',
          });
    const kind = result.status === 'valid' ? 'success' : 'info';
    return redirectWith(c, backpackPaths.badgeInBackpack(badge), kind, text);
  });
  r.post(imported.remove, async (c) => {
    await removeImportedBadge(c.var.deps, { actor: actorOf(c), badge: badgeOf(c) });
    const text = requestTranslator(c).t('backpack.flash.removed');
    return redirectWith(c, backpackPaths.backpack, 'success', text);
  });
}

/** The backpack page and what the earner does to the badges in it. */
export function backpackListRoutes() {
  const r = new Hono<AppEnv>();
  const issued = backpackPaths.issuedBadge(':id');
  r.get(backpackPaths.backpack, (c) => renderBackpack(c));
  r.post(backpackPaths.importBadge, postImport);
  privacyRoutes(r);
  r.post(issued.accept, claimRoute('accept'));
  r.post(issued.decline, claimRoute('decline'));
  importedRoutes(r);
  return r;
}
