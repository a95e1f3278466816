import { useT } from '../../../web/i18n/context.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  TextArea,
  type FormState,
} from '../../../web/forms.tsx';
import { designPath } from '../../catalog/index.ts';
import { recognitionPaths, type SubmissionStepPath } from '../paths.ts';
import type { StepForm, SubmissionModel } from './submissionLoader.ts';

/** The page's model with each form's state and each step's address. */
export type Props = SubmissionModel & {
  formFor: (name: StepForm) => FormState;
  stepUrl: (step: SubmissionStepPath) => string;
};

function ApproveForm({ submission: s, csrfToken, formFor, stepUrl }: Props) {
  const { t, number } = useT();
  const form = formFor('approve');
  const defaultHours = s.unit_rule === 'fixed' ? s.fixed_hours : s.credit_hours;
  return (
    <form method="post" action={stepUrl('approve')} class="stack" novalidate>
      <CsrfField token={csrfToken} />
      <ErrorSummary form={form} />
      <Field
        form={form}
        name="hours"
        label={t('recognition.submission.hours')}
        value={defaultHours === null ? '' : String(defaultHours)}
        hint={
          s.unit_rule === 'fixed'
            ? t('recognition.submission.hoursFixed', { hours: number(s.fixed_hours ?? 0) })
            : t('recognition.submission.hoursCredit')
        }
      />
      <div class="field">
        <label for="f-endsOn">{t('recognition.submission.endsOn')}</label>
        {form.errors.endsOn && (
          <span id="f-endsOn-error" class="error-text">
            {form.errors.endsOn}
          </span>
        )}
        <input
          id="f-endsOn"
          name="endsOn"
          type="date"
          value={form.values.endsOn ?? ''}
          aria-invalid={form.errors.endsOn ? 'true' : undefined}
          aria-describedby={form.errors.endsOn ? 'f-endsOn-error' : undefined}
        />
      </div>
      <TextArea form={form} name="approveNote" label={t('recognition.submission.approveNote')} rows={2} />
      <button type="submit">{t('recognition.submission.approve')}</button>
    </form>
  );
}

export function Decide(props: Props) {
  const { submission: s, csrfToken, formFor, stepUrl } = props;
  const { t } = useT();
  return (
    <section class="card">
      <h2>{t('recognition.submission.decide')}</h2>
      <ApproveForm {...props} />
      {s.status === 'submitted' && (
        <form method="post" action={stepUrl('request-changes')} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary form={formFor('changes')} />
          <TextArea
            form={formFor('changes')}
            name="changes"
            label={t('recognition.submission.changes')}
            rows={3}
          />
          <button type="submit" class="secondary">
            {t('recognition.submission.requestChanges')}
          </button>
        </form>
      )}
      <form method="post" action={stepUrl('reject')} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <ErrorSummary form={formFor('reject')} />
        <TextArea
          form={formFor('reject')}
          name="reasons"
          label={t('recognition.submission.reasons')}
          rows={3}
        />
        <button type="submit" class="danger">
          {t('recognition.submission.reject')}
        </button>
      </form>
    </section>
  );
}

export function Endorsement({
  canManage,
  submission: s,
  surroundings: { endorsements },
  csrfToken,
  formFor,
  stepUrl,
}: Props) {
  const { t, date } = useT();
  return (
    <section class="card">
      <h2>{t('recognition.submission.endorsement')}</h2>
      {endorsements.length ? (
        <ul>
          {endorsements.map((e) => (
            <li>
              <a href={recognitionPaths.endorsement(e.public_id)}>
                {t('recognition.submission.endorsementLink')}
              </a>{' '}
              {t('recognition.submission.endorsementIssued', { date: date(e.created_at) })}
              {e.revoked_at && ` ${t('recognition.submission.revoked')}`}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('recognition.submission.notEndorsed')}</p>
      )}
      {canManage && s.subject_kind === 'micro_credential' && !endorsements.some((e) => !e.revoked_at) && (
        <form method="post" action={stepUrl('endorse')} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary form={formFor('endorse')} />
          <TextArea
            form={formFor('endorse')}
            name="comment"
            label={t('recognition.submission.endorsementText')}
            rows={2}
          />
          <button type="submit">{t('recognition.submission.endorse')}</button>
        </form>
      )}
    </section>
  );
}

export function NextStep({
  slug,
  submission: s,
  resubmitVersion,
  csrfToken,
  stepUrl,
  open,
}: Props & { open: boolean }) {
  const { t } = useT();
  return (
    <section class="card">
      <h2>{t('recognition.submission.nextStep')}</h2>
      {resubmitVersion !== null && (
        <p>
          <a class="button" href={stepUrl('resubmit')}>
            {t('recognition.submission.resubmit', { version: resubmitVersion })}
          </a>
        </p>
      )}
      {s.status === 'changes_requested' &&
        resubmitVersion === s.micro_credential_version &&
        s.mc_public_id && (
          <p class="muted">
            {t('recognition.submission.changeItself')}{' '}
            <a href={designPath(slug, s.mc_public_id)}>{t('recognition.submission.startVersion')}</a>
            {t('recognition.submission.thenResubmit')}
          </p>
        )}
      {open && (
        <ActionButton
          action={stepUrl('withdraw')}
          csrfToken={csrfToken}
          label={t('recognition.submission.withdraw')}
          variant="danger"
        />
      )}
    </section>
  );
}
