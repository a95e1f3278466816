import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { updateProfile } from '../commands/updateProfile.ts';
import { chooseLocale } from '../commands/chooseLocale.ts';
import { changePassword } from '../commands/changePassword.ts';
import { addEmail } from '../commands/addEmail.ts';
import { makeEmailPrimary } from '../commands/makeEmailPrimary.ts';
import { removeEmail } from '../commands/removeEmail.ts';
import { idParam, routeParams } from '../../../http/params.ts';
import { requireViewer, SESSION_COOKIE } from '../../../http/middleware/session.ts';
import { deleteMyAccount, exportMyData } from '../../dataRights/index.ts';
import { zipStream } from '../../../web/zip.ts';
import type { AppEnv } from '../../../http/env.ts';
import type { FormState } from '../../../web/forms.tsx';
import { LOCALE_COOKIE, requestLocale, requestTranslator } from '../../../web/preferences.ts';
import { page } from '../../../web/render.tsx';
import { ACCOUNT_PATHS } from '../paths.ts';
import { loadProfile } from './profileLoader.ts';
import { ProfileView, type ProfileForms } from './profileView.tsx';
import { postAction, postForm, type Done, type Fields } from './formRoutes.ts';
import { translator, type Translator } from '../../../web/i18n/i18n.ts';

type C = Context<AppEnv>;
const emailParams = z.object({ id: idParam });
const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

async function profilePage(
  c: C,
  forms: ProfileForms = {},
  status: 200 | 400 | 401 | 403 | 409 | 422 | 429 = 200,
) {
  const model = await loadProfile(c.var.deps.db, requireViewer(c.var.viewer).user_id);
  return page(
    c,
    requestTranslator(c).t('accounts.profile.title'),
    <ProfileView model={model} forms={forms} csrf={c.var.csrfToken} />,
    status,
  );
}

/** The profile's forms: each runs its command, and a failure shows the page with that form's errors. */
const PROFILE_FORMS: Array<{
  path: string;
  form: keyof ProfileForms;
  run: (c: C, fields: Fields, t: Translator) => Promise<Done>;
}> = [
  {
    path: ACCOUNT_PATHS.profileName,
    form: 'name',
    async run(c, fields, t) {
      await updateProfile(c.var.deps, { ...fields, actor: actor(c) });
      return { to: ACCOUNT_PATHS.profile, say: t.t('accounts.flash.nameSaved') };
    },
  },
  {
    path: ACCOUNT_PATHS.profileLocale,
    form: 'locale',
    async run(c, fields) {
      const { locale } = await chooseLocale(c.var.deps, { ...fields, actor: actor(c) });
      // Said in the language the next page speaks: the one chosen, or (cleared) the device's.
      const next =
        locale ?? requestLocale(null, getCookie(c, LOCALE_COOKIE), c.req.header('accept-language'));
      const say = translator(next).t('accounts.flash.localeSaved');
      return { to: ACCOUNT_PATHS.profile, say };
    },
  },
  {
    path: ACCOUNT_PATHS.profileEmails,
    form: 'email',
    async run(c, fields, t) {
      await addEmail(c.var.deps, { ...fields, actor: actor(c) });
      return {
        to: ACCOUNT_PATHS.profile,
        say: t.t('accounts.flash.emailAdded', { email: String(fields.email ?? '').trim() }),
      };
    },
  },
  {
    path: ACCOUNT_PATHS.profilePassword,
    form: 'password',
    async run(c, fields, t) {
      const viewer = requireViewer(c.var.viewer);
      await changePassword(c.var.deps, {
        ...fields,
        actor: { userId: viewer.user_id, ip: c.var.ip, sessionId: viewer.session_id },
      });
      return { to: ACCOUNT_PATHS.profile, say: t.t('accounts.flash.passwordChanged') };
    },
  },
  {
    path: ACCOUNT_PATHS.deleteAccount,
    form: 'deletion',
    async run(c, fields, t) {
      await deleteMyAccount(c.var.deps, { ...fields, actor: actor(c) });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return { to: '/', say: t.t('accounts.flash.accountDeleted') };
    },
  },
];

/** The account's own page: name, language, addresses, password, and the person's data (download, delete). */
export function profileRoutes() {
  const r = new Hono<AppEnv>();
  r.get(ACCOUNT_PATHS.profile, (c) => profilePage(c));
  for (const { path, form, run } of PROFILE_FORMS)
    postForm(r, path, {
      run,
      again: (c, failed: FormState, status) => profilePage(c, { [form]: failed }, status as 422),
    });
  postAction(r, '/profile/emails/:id/primary', async (c, _fields, t) => {
    await makeEmailPrimary(c.var.deps, { emailId: routeParams(c, emailParams).id, actor: actor(c) });
    return { to: ACCOUNT_PATHS.profile, say: t.t('accounts.flash.primaryChanged') };
  });
  postAction(r, '/profile/emails/:id/remove', async (c, _fields, t) => {
    await removeEmail(c.var.deps, { emailId: routeParams(c, emailParams).id, actor: actor(c) });
    return { to: ACCOUNT_PATHS.profile, say: t.t('accounts.flash.emailRemoved') };
  });
  r.get(ACCOUNT_PATHS.myData, async (c) => {
    const now = c.var.deps.clock.now();
    const stream = zipStream(await exportMyData(c.var.deps, { actor: actor(c) }), { defaultDate: now });
    return c.body(stream, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="cairn-my-data-${now.toISOString().slice(0, 10)}.zip"`,
      'Cache-Control': 'no-store',
    });
  });
  return r;
}
