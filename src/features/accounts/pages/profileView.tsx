import { DELETE_CONFIRMATION } from '../../dataRights/index.ts';
import { ActionButton, CsrfField, ErrorSummary, Field, type FormState } from '../../../web/forms.tsx';

// Parts of the profile page (profile.tsx): pure JSX of what the page loaded.

interface EmailRow {
  id: number;
  email: string;
  is_primary: boolean;
  confirmed_at: Date | null;
}

/** The account's addresses with their actions, and the form to add one. */
export function EmailsSection({
  emails,
  emailForm,
  csrf,
}: {
  emails: EmailRow[];
  emailForm: FormState;
  csrf: string;
}) {
  return (
    <section class="card" aria-labelledby="h-emails">
      <h2 id="h-emails">Email addresses</h2>
      <p class="muted">
        Keep a personal address here too: badges sent to any confirmed address can be claimed, even after you
        leave a school or employer.
      </p>
      <table class="stacking">
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
              <td data-label="Address">{e.email}</td>
              <td data-label="Status">
                {e.is_primary && <span class="tag">Primary</span>}
                <span class="tag">{e.confirmed_at ? 'Confirmed' : 'Waiting for confirmation'}</span>
              </td>
              <td data-label="Actions">
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
  );
}

/** The change-password form. */
export function PasswordSection({ passwordForm, csrf }: { passwordForm: FormState; csrf: string }) {
  return (
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
  );
}

/** The person's data: download everything, or delete the account. */
export function YourDataSection({ deletionForm, csrf }: { deletionForm: FormState; csrf: string }) {
  return (
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
        issuer), but their pages show only whether they are valid, not who earned them. This cannot be undone.
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
  );
}
