import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { updateProfile } from '../commands/updateProfile.ts';
import { changePassword } from '../commands/changePassword.ts';
import { addEmail } from '../commands/addEmail.ts';
import { makeEmailPrimary } from '../commands/makeEmailPrimary.ts';
import { removeEmail } from '../commands/removeEmail.ts';
import { idParam, routeParams } from '../../../http/params.ts';
import { emailsOf, findUser } from '../../../storage/users.ts';
import { listUserAudit } from '../../../storage/audit.ts';
import { pathwayProgress } from '../../catalog/index.ts';
import { requireViewer, SESSION_COOKIE } from '../../../http/middleware/session.ts';
import { deleteCookie } from 'hono/cookie';
import { exportMyData } from '../../dataRights/index.ts';
import { deleteMyAccount } from '../../dataRights/index.ts';
import { zipStream } from '../../../web/zip.ts';
import type { AppEnv } from '../../../http/env.ts';
import { CsrfField, ErrorSummary, Field, emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { EmailsSection, PasswordSection, YourDataSection } from './profileView.tsx';

type C = Context<AppEnv>;
type Forms = { name?: FormState; email?: FormState; password?: FormState; deletion?: FormState };

async function profilePage(c: C, forms: Forms = {}, status: 200 | 400 | 401 | 403 | 409 | 422 | 429 = 200) {
  const viewer = requireViewer(c.var.viewer);
  const { db } = c.var.deps;
  const [user, emails, activity] = await Promise.all([
    findUser(db, viewer.user_id),
    emailsOf(db, viewer.user_id),
    listUserAudit(db, viewer.user_id, 10),
  ]);
  const pathways = await pathwayProgress(
    db,
    emails.filter((e) => e.confirmed_at).map((e) => e.email),
  );
  const csrf = c.var.csrfToken;
  const nameForm = forms.name ?? emptyForm;
  const emailForm = forms.email ?? emptyForm;
  const passwordForm = forms.password ?? emptyForm;
  const deletionForm = forms.deletion ?? emptyForm;
  return page(
    c,
    'Your profile',
    <>
      <h1>Your profile</h1>
      <section class="card" aria-labelledby="h-name">
        <h2 id="h-name">Name</h2>
        <ErrorSummary form={nameForm} />
        <form method="post" action="/profile" class="stack" novalidate>
          <CsrfField token={csrf} />
          <Field
            form={nameForm}
            name="name"
            label="Your name"
            value={user?.name}
            autocomplete="name"
            required
          />
          <button type="submit">Save name</button>
        </form>
      </section>
      <EmailsSection emails={emails} emailForm={emailForm} csrf={csrf} />
      <PasswordSection passwordForm={passwordForm} csrf={csrf} />
      {pathways.length > 0 && (
        <section class="card" aria-labelledby="h-pathways">
          <h2 id="h-pathways">Your pathways</h2>
          <ul>
            {pathways.map((p) => (
              <li>
                <strong>{p.pathway.name}</strong> ({p.pathway.organisation}):{' '}
                {p.progress.satisfied ? 'completed' : `${p.progress.done} of ${p.progress.needed}`}
                <progress
                  class="ms-2"
                  value={p.progress.done}
                  max={p.progress.needed}
                  aria-label={`${p.pathway.name} progress`}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      <YourDataSection deletionForm={deletionForm} csrf={csrf} />
      <section class="card" aria-labelledby="h-activity">
        <h2 id="h-activity">Recent account activity</h2>
        <ul>
          {activity.map((a) => (
            <li>
              {a.created_at.toISOString().replace('T', ' ').slice(0, 16)} UTC —{' '}
              {a.action.replace('user.', '').replace(/_/g, ' ')}
              {a.ip ? ` from ${a.ip}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </>,
    status,
  );
}

const emailParams = z.object({ id: idParam });

/** The account's own page: name, addresses, password, and the person's data (download, delete). */
// eslint-disable-next-line max-lines-per-function -- one route group listing the profile routes (name, addresses, password, data download and deletion)
export function profileRoutes() {
  const r = new Hono<AppEnv>();
  const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

  r.get('/profile', (c) => profilePage(c));
  r.post('/profile', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await updateProfile(c.var.deps, { ...fields, actor: actor(c) });
        return redirectWith(c, '/profile', 'success', 'Your name is saved.');
      },
      (form, status) => profilePage(c, { name: form }, status as 422),
    );
  });
  r.post('/profile/emails', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await addEmail(c.var.deps, { ...fields, actor: actor(c) });
        return redirectWith(
          c,
          '/profile',
          'success',
          `We sent a confirmation link to ${String(fields.email ?? '').trim()}.`,
        );
      },
      (form, status) => profilePage(c, { email: form }, status as 422),
    );
  });
  r.post('/profile/emails/:id/primary', async (c) => {
    await makeEmailPrimary(c.var.deps, { emailId: routeParams(c, emailParams).id, actor: actor(c) });
    return redirectWith(c, '/profile', 'success', 'Primary address changed.');
  });
  r.post('/profile/emails/:id/remove', async (c) => {
    await removeEmail(c.var.deps, { emailId: routeParams(c, emailParams).id, actor: actor(c) });
    return redirectWith(c, '/profile', 'success', 'Address removed.');
  });
  r.get('/profile/my-data.zip', async (c) => {
    const now = c.var.deps.clock.now();
    const stream = zipStream(await exportMyData(c.var.deps, { actor: actor(c) }), { defaultDate: now });
    return c.body(stream, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="cairn-my-data-${now.toISOString().slice(0, 10)}.zip"`,
      'Cache-Control': 'no-store',
    });
  });
  r.post('/profile/delete', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await deleteMyAccount(c.var.deps, { ...fields, actor: actor(c) });
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return redirectWith(
          c,
          '/',
          'success',
          'Your account is deleted. Credentials issued to you stay verifiable by their issuer; nothing else about you is kept.',
        );
      },
      (form, status) => profilePage(c, { deletion: form }, status as 422),
    );
  });
  r.post('/profile/password', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const viewer = requireViewer(c.var.viewer);
        await changePassword(c.var.deps, {
          ...fields,
          actor: { userId: viewer.user_id, ip: c.var.ip, sessionId: viewer.session_id },
        });
        return redirectWith(
          c,
          '/profile',
          'success',
          'Password changed. Your other sessions were logged out.',
        );
      },
      (form, status) => profilePage(c, { password: form }, status as 422),
    );
  });
  return r;
}
