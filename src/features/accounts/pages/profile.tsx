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
import { DELETE_CONFIRMATION, deleteMyAccount } from '../../dataRights/index.ts';
import { zipStream } from '../../../web/zip.ts';
import type { AppEnv } from '../../../http/env.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  emptyForm,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';

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
      <section class="card" aria-labelledby="h-emails">
        <h2 id="h-emails">Email addresses</h2>
        <p class="muted">
          Keep a personal address here too: badges sent to any confirmed address can be claimed, even after
          you leave a school or employer.
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((e) => (
              <tr>
                <td>{e.email}</td>
                <td>
                  {e.is_primary && <span class="tag">Primary</span>}
                  <span class="tag">{e.confirmed_at ? 'Confirmed' : 'Waiting for confirmation'}</span>
                </td>
                <td>
                  {!e.is_primary && e.confirmed_at && (
                    <ActionButton
                      action={`/profile/emails/${e.id}/primary`}
                      csrfToken={csrf}
                      label="Make primary"
                      variant="secondary"
                    />
                  )}{' '}
                  {!e.is_primary && (
                    <ActionButton
                      action={`/profile/emails/${e.id}/remove`}
                      csrfToken={csrf}
                      label="Remove"
                      variant="danger"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ErrorSummary form={emailForm} />
        <form method="post" action="/profile/emails" class="stack" novalidate>
          <CsrfField token={csrf} />
          <Field
            form={emailForm}
            name="email"
            type="email"
            label="Add an address"
            autocomplete="email"
            required
          />
          <button type="submit">Add and send confirmation</button>
        </form>
      </section>
      <section class="card" aria-labelledby="h-password">
        <h2 id="h-password">Password</h2>
        <ErrorSummary form={passwordForm} />
        <form method="post" action="/profile/password" class="stack" novalidate>
          <CsrfField token={csrf} />
          <Field
            form={passwordForm}
            name="current"
            type="password"
            label="Current password"
            autocomplete="current-password"
            required
          />
          <Field
            form={passwordForm}
            name="password"
            type="password"
            label="New password"
            hint="At least 10 characters. Your other sessions will be logged out."
            autocomplete="new-password"
            required
          />
          <Field
            form={passwordForm}
            name="confirm"
            type="password"
            label="New password again"
            autocomplete="new-password"
            required
          />
          <button type="submit">Change password</button>
        </form>
      </section>
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
      <section class="card" aria-labelledby="h-your-data">
        <h2 id="h-your-data">Your data</h2>
        <p>
          <a href="/profile/my-data.zip">Download everything about you (ZIP)</a>: your account and addresses,
          organisations, applications with your evidence files and the reviews you received, the signed
          credentials issued to you, backpack imports and collections, licenses and credit, your activity, and
          the mail sent to you — as JSON files with a manifest.
        </p>
        <h3 id="h-delete">Delete your account</h3>
        <p class="muted">
          Your name, email addresses, password, evidence, imported badges and collections are removed, and you
          are logged out everywhere. Credentials issued to you stay verifiable (they are signed by their
          issuer), but their pages show only whether they are valid, not who earned them. This cannot be
          undone.
        </p>
        <ErrorSummary form={deletionForm} />
        <form method="post" action="/profile/delete" class="stack" novalidate aria-labelledby="h-delete">
          <CsrfField token={csrf} />
          <Field
            form={deletionForm}
            name="password"
            type="password"
            label="Your password"
            autocomplete="current-password"
            required
          />
          <Field
            form={deletionForm}
            name="confirmation"
            label={`Type “${DELETE_CONFIRMATION}” to confirm`}
            autocomplete="off"
            required
          />
          <button type="submit" class="danger">
            Delete my account
          </button>
        </form>
      </section>
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
  r.get('/profile/my-data.zip', (c) => {
    const viewer = requireViewer(c.var.viewer);
    const { db, config } = c.var.deps;
    const now = c.var.deps.clock.now();
    const stream = zipStream(exportMyData(db, config, viewer.user_id, now), { defaultDate: now });
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
        await deleteMyAccount(c.var.deps, actor(c), fields);
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
