import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { decideClaim } from '../../issuing/index.ts';
import { connectionsSection } from '../../ob3api/index.ts';
import { importBadge } from '../commands/importBadge.ts';
import { removeImportedBadge } from '../commands/removeImportedBadge.ts';
import { reverifyImportedBadge } from '../commands/reverifyImportedBadge.ts';
import { setBadgeNameShown } from '../commands/setBadgeNameShown.ts';
import { setBadgePrivacy } from '../commands/setBadgePrivacy.ts';
import { backpackPaths } from '../paths.ts';
import { BackpackView, loadBackpack } from './backpackList.tsx';
import { STATUS_TEXT } from './parts.tsx';
import { readPreferences } from '../../../web/preferences.ts';

type C = Context<AppEnv>;
const actorOf = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
const badgeParam = z.object({ id: z.string() });
const badgeOf = (c: C) => badgeParam.parse(c.req.param()).id;

async function renderBackpack(c: C, form: FormState = emptyForm, status: ContentfulStatusCode = 200) {
  const viewer = requireViewer(c.var.viewer);
  const { db, clock } = c.var.deps;
  const model = await loadBackpack(db, viewer.user_id, clock.now(), readPreferences(c).locale);
  const otherBackpacks = await connectionsSection(c);
  const body = (
    <BackpackView model={model} form={form} csrf={c.var.csrfToken} otherBackpacks={otherBackpacks} />
  );
  return page(c, 'Your backpack', body, status);
}

const verdictWord = (status: string) => STATUS_TEXT[status]?.toLowerCase() ?? status;

function importedMessage(result: { status: string; reason: string | null }): string {
  if (result.status === 'valid') return 'Imported and verified.';
  if (result.status === 'failed') return `Imported, but it did not verify: ${result.reason ?? ''}`;
  return `Imported; it verifies as ${verdictWord(result.status)}: ${result.reason ?? ''}`;
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
  return handleForm(
    c,
    fields,
    async () => {
      const result = await importBadge(c.var.deps, { actor: actorOf(c), ...fields, file });
      const kind = result.status === 'valid' ? 'success' : 'info';
      return redirectWith(c, backpackPaths.badgeInBackpack(result.publicId), kind, importedMessage(result));
    },
    (form, status) => renderBackpack(c, form, status),
  );
}

function claimRoute(decision: 'accept' | 'decline') {
  return async (c: C) => {
    try {
      const claim = await decideClaim(c.var.deps, { actor: actorOf(c), credential: badgeOf(c), decision });
      return redirectWith(
        c,
        backpackPaths.backpack,
        decision === 'accept' ? 'success' : 'info',
        decision === 'accept' ? `You accepted ${claim.badgeName}.` : `You declined ${claim.badgeName}.`,
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict')
        return redirectWith(c, backpackPaths.backpack, 'error', err.message);
      throw err;
    }
  };
}

/** The backpack page and what the earner does to the badges in it. */
export function backpackListRoutes() {
  const r = new Hono<AppEnv>();
  const issued = backpackPaths.issuedBadge(':id');
  const imported = backpackPaths.importedBadge(':id');

  r.get(backpackPaths.backpack, (c) => renderBackpack(c));
  r.post(backpackPaths.importBadge, postImport);
  r.post(issued.privacy, async (c) => {
    const makePrivate = (await formFields(c)).private === 'true';
    await setBadgePrivacy(c.var.deps, { actor: actorOf(c), badge: badgeOf(c), private: makePrivate });
    const text = makePrivate
      ? 'The badge is private: its page now says only whether it is valid.'
      : 'The badge’s page is public again.';
    return redirectWith(c, backpackPaths.badgeInBackpack(badgeOf(c)), 'success', text);
  });
  r.post(issued.name, async (c) => {
    const show = (await formFields(c)).show !== 'false';
    await setBadgeNameShown(c.var.deps, { actor: actorOf(c), badge: badgeOf(c), show });
    const text = show
      ? 'The badge’s page says it was issued to you, by name.'
      : 'The badge’s page no longer shows your name.';
    return redirectWith(c, backpackPaths.badgeInBackpack(badgeOf(c)), 'success', text);
  });
  r.post(issued.accept, claimRoute('accept'));
  r.post(issued.decline, claimRoute('decline'));
  r.post(imported.reverify, async (c) => {
    const result = await reverifyImportedBadge(c.var.deps, { actor: actorOf(c), badge: badgeOf(c) });
    const text =
      result.status === 'valid'
        ? 'Verified again: valid.'
        : `Verified again: ${verdictWord(result.status)}. ${result.reason ?? ''}`;
    const kind = result.status === 'valid' ? 'success' : 'info';
    return redirectWith(c, backpackPaths.badgeInBackpack(badgeOf(c)), kind, text);
  });
  r.post(imported.remove, async (c) => {
    await removeImportedBadge(c.var.deps, { actor: actorOf(c), badge: badgeOf(c) });
    const text = 'The imported badge is removed from your backpack.';
    return redirectWith(c, backpackPaths.backpack, 'success', text);
  });
  return r;
}
