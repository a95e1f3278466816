import { CsrfField, ErrorSummary, Field, SelectField, type FormState } from '../../../web/forms.tsx';

// The parts of the issued-credentials page (issuedCredentials.tsx loads its data and routes its forms).

/** Awarding one micro-credential by email (with "issue again" once it was awarded before). */
export function AwardSection({
  form,
  csrf,
  action,
  mcs,
}: {
  form: FormState;
  csrf: string;
  action: string;
  mcs: Array<{ public_id: string; title: string }>;
}) {
  return (
    <section class="card">
      <h2>Award a micro-credential</h2>
      <ErrorSummary form={form} />
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={csrf} />
        <SelectField
          form={form}
          name="microCredential"
          label="Micro-credential"
          options={mcs.map((m) => [m.public_id, m.title])}
        />
        <Field form={form} name="email" type="email" label="Recipient’s email" required />
        <Field form={form} name="narrative" label="Evidence narrative (optional)" />
        <Field
          form={form}
          name="evidenceUrl"
          type="url"
          label="Evidence link (optional)"
          hint="A page showing the work, e.g. an attendance record."
        />
        <Field
          form={form}
          name="creditsEarned"
          label="Credits earned (optional)"
          hint="Hours or units, e.g. 1.5."
        />
        <Field form={form} name="issuedOn" label="Issue date (optional)" hint="YYYY-MM-DD; today if empty." />
        {form.errors.issueAgain && (
          <div class="field" role="group" aria-labelledby="issue-again-legend">
            <p id="issue-again-legend" class="error-text">
              <strong>Already awarded.</strong> {form.errors.issueAgain}
            </p>
            <label for="f-issueAgain">
              <input id="f-issueAgain" type="checkbox" name="issueAgain" value="yes" /> Issue again: I mean to
              give this person a second credential
            </label>
          </div>
        )}
        <button type="submit">Issue credential</button>
      </form>
    </section>
  );
}

/** The form the list's checkboxes belong to: one change for every selected credential. */
export function BulkStatusForm({ csrf, action }: { csrf: string; action: string }) {
  return (
    <form id="bulk-status" method="post" action={action} class="inline card">
      <CsrfField token={csrf} />
      <label for="bulk-action">With the selected credentials</label>{' '}
      <select id="bulk-action" name="action">
        <option value="revoke">Revoke…</option>
        <option value="suspend">Suspend</option>
        <option value="reinstate">Reinstate</option>
      </select>{' '}
      <label for="bulk-reason" class="visually-hidden">
        Reason for the selected
      </label>
      <input id="bulk-reason" name="reason" type="text" placeholder="Reason (shown publicly)" />{' '}
      <button type="submit" class="secondary">
        Apply to selected
      </button>
    </form>
  );
}

/** One issued credential: recipient, achievement, date, status (with completion notices) and its change form. */
export function CredentialRow({
  row,
  status,
  notices,
  base,
  csrf,
}: {
  row: {
    public_id: string;
    recipient_email: string | null;
    recipient_did: string | null;
    achievement_name: string;
    issued_at: Date;
  };
  status: 'Valid' | 'Revoked' | 'Suspended' | 'Expired';
  notices: Array<{ recognizer_name: string; created_at: Date }>;
  base: string;
  csrf: string;
}) {
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          name="ids"
          value={row.public_id}
          form="bulk-status"
          aria-label={`Select ${row.achievement_name} for ${row.recipient_email ?? row.recipient_did ?? ''}`}
        />
      </td>
      <td>{row.recipient_email ?? row.recipient_did}</td>
      <td>
        <a href={`/badges/${row.public_id}`}>{row.achievement_name}</a>
      </td>
      <td>{row.issued_at.toISOString().slice(0, 10)}</td>
      <td>
        {status}
        {notices.map((n) => (
          <div class="muted">
            Completion notice sent to {n.recognizer_name} on {n.created_at.toISOString().slice(0, 10)}
          </div>
        ))}
      </td>
      <td>
        {status !== 'Revoked' && (
          <form method="post" action={`${base}/${row.public_id}/status`} class="inline">
            <CsrfField token={csrf} />
            <label for={`a-${row.public_id}`} class="visually-hidden">
              Change
            </label>
            <select id={`a-${row.public_id}`} name="action">
              {status === 'Suspended' ? (
                <option value="reinstate">Reinstate</option>
              ) : (
                <option value="suspend">Suspend</option>
              )}
              <option value="revoke">Revoke…</option>
            </select>{' '}
            <label for={`why-${row.public_id}`} class="visually-hidden">
              Reason
            </label>
            <input
              id={`why-${row.public_id}`}
              name="reason"
              type="text"
              placeholder="Reason (shown publicly)"
            />{' '}
            <button type="submit" class="secondary">
              Apply
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
