import {
  CsrfField,
  ErrorSummary,
  Field,
  SelectField,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
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
  const { t } = useT();
  return (
    <section class="card">
      <h2>{t('issuingStaff.issued.award.heading')}</h2>
      <ErrorSummary form={form} />
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={csrf} />
        <SelectField
          form={form}
          name="microCredential"
          label={t('issuingStaff.issued.award.microCredential')}
          options={mcs.map((m) => [m.public_id, m.title])}
        />
        <Field form={form} name="email" type="email" label={t('issuingStaff.issued.award.email')} required />
        <Field form={form} name="narrative" label={t('issuingStaff.issued.award.narrative')} />
        <Field
          form={form}
          name="evidenceUrl"
          type="url"
          label={t('issuingStaff.issued.award.evidenceUrl')}
          hint={t('issuingStaff.issued.award.evidenceUrlHint')}
        />
        <Field
          form={form}
          name="creditsEarned"
          label={t('issuingStaff.issued.award.credits')}
          hint={t('issuingStaff.issued.award.creditsHint')}
        />
        <Field
          form={form}
          name="issuedOn"
          label={t('issuingStaff.issued.award.issuedOn')}
          hint={t('issuingStaff.issued.award.issuedOnHint')}
        />
        {form.errors.issueAgain && (
          <div class="field" role="group" aria-labelledby="issue-again-legend">
            <p id="issue-again-legend" class="error-text">
              <strong>{t('issuingStaff.issued.award.alreadyAwarded')}</strong> {form.errors.issueAgain}
            </p>
            <label for="f-issueAgain">
              <input id="f-issueAgain" type="checkbox" name="issueAgain" value="yes" />{' '}
              {t('issuingStaff.issued.award.issueAgain')}
            </label>
          </div>
        )}
        <button type="submit">{t('issuingStaff.issued.award.submit')}</button>
      </form>
    </section>
  );
}

/** The form the list's checkboxes belong to: one change for every selected credential. */
export function BulkStatusForm({ csrf, action }: { csrf: string; action: string }) {
  const { t } = useT();
  return (
    <form id="bulk-status" method="post" action={action} class="inline card">
      <CsrfField token={csrf} />
      <label for="bulk-action">{t('issuingStaff.issued.selected.label')}</label>{' '}
      <select id="bulk-action" name="action">
        <option value="revoke">{t('issuingStaff.issued.selected.revoke')}</option>
        <option value="suspend">{t('issuingStaff.issued.selected.suspend')}</option>
        <option value="reinstate">{t('issuingStaff.issued.selected.reinstate')}</option>
      </select>{' '}
      <label for="bulk-reason" class="visually-hidden">
        {t('issuingStaff.issued.selected.reason')}
      </label>
      <input
        id="bulk-reason"
        name="reason"
        type="text"
        placeholder={t('issuingStaff.issued.reasonPlaceholder')}
      />{' '}
      <button type="submit" class="secondary">
        {t('issuingStaff.issued.selected.apply')}
      </button>
    </form>
  );
}

/** A credential's change form: suspend or reinstate, or revoke (which asks first). */
function ChangeForm({ item, csrf }: { item: IssuedCredentialItem; csrf: string }) {
  const { t } = useT();
  const id = item.publicId;
  return (
    <form method="post" action={item.statusAction} class="inline">
      <CsrfField token={csrf} />
      <label for={`a-${id}`} class="visually-hidden">
        {t('issuingStaff.issued.row.change')}
      </label>
      <select id={`a-${id}`} name="action">
        {item.status === 'suspended' ? (
          <option value="reinstate">{t('issuingStaff.issued.selected.reinstate')}</option>
        ) : (
          <option value="suspend">{t('issuingStaff.issued.selected.suspend')}</option>
        )}
        <option value="revoke">{t('issuingStaff.issued.selected.revoke')}</option>
      </select>{' '}
      <label for={`why-${id}`} class="visually-hidden">
        {t('issuingStaff.issued.row.reason')}
      </label>
      <input
        id={`why-${id}`}
        name="reason"
        type="text"
        placeholder={t('issuingStaff.issued.reasonPlaceholder')}
      />{' '}
      <button type="submit" class="secondary">
        {t('issuingStaff.issued.row.apply')}
      </button>
    </form>
  );
}

/** One issued credential: recipient, achievement, date, status (with completion notices) and its change form. */
export function CredentialRow({ item, csrf }: { item: IssuedCredentialItem; csrf: string }) {
  const { t, date } = useT();
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          name="ids"
          value={item.publicId}
          form="bulk-status"
          aria-label={t('issuingStaff.issued.selectOne', {
            achievement: item.achievementName,
            recipient: item.recipient,
          })}
        />
      </td>
      <td>{item.recipient}</td>
      <td>
        <a href={item.badgePath}>{item.achievementName}</a>
      </td>
      <td>
        <time datetime={item.issuedAt.toISOString()}>{date(item.issuedAt)}</time>
      </td>
      <td>
        {t(`issuingStaff.issued.statuses.${item.status}`)}
        {item.notices.map((n) => (
          <div class="muted">
            {t('issuingStaff.issued.noticeSent', { recognizer: n.recognizerName, date: date(n.sentAt) })}
          </div>
        ))}
      </td>
      <td>{item.status !== 'revoked' && <ChangeForm item={item} csrf={csrf} />}</td>
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
  const { t } = useT();
  return (
    <>
      <h1>{t('issuingStaff.issued.heading', { organisation: model.organisation.name })}</h1>
      <p>
        {t('issuingStaff.issued.manyAtOnce')}{' '}
        <a href={model.paths.bulkAwards}>{t('issuingStaff.issued.bulkLink')}</a>
      </p>
      <AwardSection form={form} csrf={csrf} action={model.paths.award} mcs={model.microCredentials} />
      <BulkStatusForm csrf={csrf} action={model.paths.changeSelected} />
      <table>
        <TableHead
          columns={[
            <span class="visually-hidden">{t('issuingStaff.issued.columns.select')}</span>,
            t('issuingStaff.issued.columns.recipient'),
            t('issuingStaff.issued.columns.achievement'),
            t('issuingStaff.issued.columns.issued'),
            t('issuingStaff.issued.columns.status'),
            t('issuingStaff.issued.columns.change'),
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

/** The revoke form: the credentials as hidden fields and the public reason. */
function RevokeForm({ model, csrf }: { model: RevokeConfirmationModel; csrf: string }) {
  const { t } = useT();
  return (
    <form method="post" action={model.action} class="stack">
      <CsrfField token={csrf} />
      <input type="hidden" name="action" value="revoke" />
      <input type="hidden" name="confirm" value="yes" />
      {model.credentials.map((row) => (
        <input type="hidden" name="ids" value={row.publicId} />
      ))}
      <label for="f-reason">{t('issuingStaff.revoke.reason')}</label>
      <span class="hint">{t('issuingStaff.revoke.reasonHint')}</span>
      <input id="f-reason" name="reason" type="text" value={model.reason} />
      <p>
        <button type="submit" class="danger">
          {t('issuingStaff.revoke.submit', { count: model.credentials.length })}
        </button>{' '}
        <a href={model.back}>{t('issuingStaff.revoke.cancel')}</a>
      </p>
    </form>
  );
}

/**
 * Revoking cannot be undone, so the list's Revoke first comes here: what revoking does, the
 * credentials it applies to, and the reason shown publicly. Works without JavaScript.
 */
export function ConfirmRevokeView({ model, csrf }: { model: RevokeConfirmationModel; csrf: string }) {
  const { t } = useT();
  const count = model.credentials.length;
  return (
    <>
      <p class="muted">
        <a href={model.back}>{t('issuingStaff.revoke.back')}</a>
      </p>
      <h1>{t('issuingStaff.revoke.heading', { count })}</h1>
      <ul>
        {model.credentials.map((row) => (
          <li>
            <a href={row.badgePath}>{row.achievementName}</a>{' '}
            {t('issuingStaff.revoke.issuedTo', { recipient: row.recipient })}
          </li>
        ))}
      </ul>
      <section class="card">
        <h2>{t('issuingStaff.revoke.whatHeading')}</h2>
        <ul>
          <li>{t('issuingStaff.revoke.permanent')}</li>
          <li>{t('issuingStaff.revoke.checkers', { count })}</li>
          <li>{t('issuingStaff.revoke.credit', { count })}</li>
        </ul>
        <RevokeForm model={model} csrf={csrf} />
      </section>
    </>
  );
}
