import {
  CsrfField,
  ErrorSummary,
  Field,
  SelectField,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import type {
  IssuedCredentialItem,
  IssuedCredentialsModel,
  RevokeConfirmationModel,
} from './issuedCredentialsLoader.ts';

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
export function CredentialRow({ item, csrf }: { item: IssuedCredentialItem; csrf: string }) {
  const id = item.publicId;
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          name="ids"
          value={id}
          form="bulk-status"
          aria-label={`Select ${item.achievementName} for ${item.recipient}`}
        />
      </td>
      <td>{item.recipient}</td>
      <td>
        <a href={item.badgePath}>{item.achievementName}</a>
      </td>
      <td>{item.issuedOn}</td>
      <td>
        {item.status}
        {item.notices.map((n) => (
          <div class="muted">
            Completion notice sent to {n.recognizerName} on {n.sentOn}
          </div>
        ))}
      </td>
      <td>
        {item.status !== 'Revoked' && (
          <form method="post" action={item.statusAction} class="inline">
            <CsrfField token={csrf} />
            <label for={`a-${id}`} class="visually-hidden">
              Change
            </label>
            <select id={`a-${id}`} name="action">
              {item.status === 'Suspended' ? (
                <option value="reinstate">Reinstate</option>
              ) : (
                <option value="suspend">Suspend</option>
              )}
              <option value="revoke">Revoke…</option>
            </select>{' '}
            <label for={`why-${id}`} class="visually-hidden">
              Reason
            </label>
            <input id={`why-${id}`} name="reason" type="text" placeholder="Reason (shown publicly)" />{' '}
            <button type="submit" class="secondary">
              Apply
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

/** The list page: the award form, the bulk change form and every credential issued. */
export function IssuedCredentialsView({
  model,
  form,
  csrf,
}: {
  model: IssuedCredentialsModel;
  form: FormState;
  csrf: string;
}) {
  return (
    <>
      <h1>Credentials issued by {model.organisation.name}</h1>
      <p>
        Awarding many at once? <a href={model.paths.bulkAwards}>Bulk award from CSV</a>
      </p>
      <AwardSection form={form} csrf={csrf} action={model.paths.award} mcs={model.microCredentials} />
      <BulkStatusForm csrf={csrf} action={model.paths.changeSelected} />
      <table>
        <TableHead
          columns={[
            <span class="visually-hidden">Select</span>,
            'Recipient',
            'Achievement',
            'Issued',
            'Status',
            'Change',
          ]}
        />
        <tbody>
          {model.credentials.map((item) => (
            <CredentialRow item={item} csrf={csrf} />
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * Revoking cannot be undone, so the list's Revoke first comes here: what revoking does, the
 * credentials it applies to, and the reason shown publicly. Works without JavaScript.
 */
export function ConfirmRevokeView({ model, csrf }: { model: RevokeConfirmationModel; csrf: string }) {
  const rows = model.credentials;
  const many = rows.length > 1;
  return (
    <>
      <p class="muted">
        <a href={model.back}>← Issued credentials</a>
      </p>
      <h1>{many ? `Revoke ${rows.length} credentials?` : 'Revoke this credential?'}</h1>
      <ul>
        {rows.map((row) => (
          <li>
            <a href={row.badgePath}>{row.achievementName}</a> issued to {row.recipient}
          </li>
        ))}
      </ul>
      <section class="card">
        <h2>What revoking does</h2>
        <ul>
          <li>
            It is permanent: a revoked credential cannot be reinstated. (To pause one, suspend it instead.)
          </li>
          <li>
            Anyone who checks {many ? 'these credentials' : 'this credential'} — on the badge page, at /verify
            or in another wallet — is told {many ? 'they were' : 'it was'} revoked, with the reason below.
          </li>
          <li>
            Credit a recognizer recorded for {many ? 'them' : 'it'} is reversed, and the earner keeps the
            badge only as a revoked record.
          </li>
        </ul>
        <form method="post" action={model.action} class="stack">
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="revoke" />
          <input type="hidden" name="confirm" value="yes" />
          {rows.map((row) => (
            <input type="hidden" name="ids" value={row.publicId} />
          ))}
          <label for="f-reason">Reason, shown publicly</label>
          <span class="hint">
            For example: “Issued in error” or “Assessment found invalid”. Verifiers and the earner see it.
          </span>
          <input id="f-reason" name="reason" type="text" value={model.reason} />
          <p>
            <button type="submit" class="danger">
              {many ? `Revoke ${rows.length} credentials` : 'Revoke this credential'}
            </button>{' '}
            <a href={model.back}>Cancel</a>
          </p>
        </form>
      </section>
    </>
  );
}
