import { CsrfField, ErrorSummary, TextArea, SelectField, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { recognitionPaths } from '../paths.ts';
import type { SubmissionView } from '../queries/submissions.ts';
import type { ProgramChoice } from './submitModel.ts';

type Option = [string, string];

export interface SubmitModel {
  slug: string;
  suggested: ProgramChoice[];
  other: ProgramChoice[];
  subjects: Option[];
  /** The subject chosen beforehand (`mc:<id>`), from the query or the resubmitted submission. */
  chosenSubject: string | undefined;
  /** The submission this one resubmits, if any. */
  previous: Pick<SubmissionView, 'public_id' | 'title' | 'program_public_id' | 'statement'> | undefined;
  /** An "Other" program was chosen: the form asks to confirm the recognizer by name. */
  confirmOther: ProgramChoice | undefined;
  form: FormState;
  csrfToken: string;
}

/** What a program counts toward, in words. */
function CountsToward({ p }: { p: ProgramChoice }) {
  const { t, number } = useT();
  const per =
    p.unitRule === 'fixed'
      ? t('programA.submit.perFixed', { hours: number(p.fixedHours ?? 0) })
      : t('programA.submit.perCreditHours');
  return (
    <>{t('programA.submit.countsToward', { license: p.license, required: number(p.hoursRequired), per })}</>
  );
}

/** The suggested programs, each with its recognizer, what it counts toward and why it is suggested. */
function SuggestedList({ programs }: { programs: ProgramChoice[] }) {
  const { t } = useT();
  if (!programs.length) return <p class="muted">{t('programA.submit.noneSuggested')}</p>;
  return (
    <ul class="stack" aria-label={t('programA.submit.suggested')}>
      {programs.map((p) => (
        <li>
          <strong>{p.program}</strong> ·{' '}
          {p.own ? t('programA.submit.ownRecognizer', { recognizer: p.recognizer }) : p.recognizer}
          <br />
          <span class="muted">
            <CountsToward p={p} />{' '}
            {p.relevance.reasons
              .map((r) => t(`programA.submit.reasons.${r}`, { tags: p.relevance.shared.join(', ') }))
              .join(' ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ProgramSelect(m: SubmitModel) {
  const { t } = useT();
  const id = 'f-program';
  const error = m.form.errors.program;
  const chosen = m.form.values.program ?? m.previous?.program_public_id ?? '';
  const option = (p: ProgramChoice) => (
    <option value={p.publicId} selected={p.publicId === chosen}>
      {p.label}
    </option>
  );
  return (
    <div class="field">
      <label for={id}>{t('programA.submit.programLabel')}</label>
      <span id={`${id}-hint`} class="hint">
        {t('programA.submit.programHint')}
      </span>
      {error && (
        <span id={`${id}-error`} class="error-text">
          {error}
        </span>
      )}
      <select
        id={id}
        name="program"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      >
        <option value="">{t('programA.submit.choose')}</option>
        {m.suggested.length > 0 && (
          <optgroup label={t('programA.submit.suggested')}>{m.suggested.map(option)}</optgroup>
        )}
        {m.other.length > 0 && <optgroup label={t('programA.submit.other')}>{m.other.map(option)}</optgroup>}
      </select>
    </div>
  );
}

/** After choosing an "Other" program: say whom it goes to and ask for a tick naming them. */
function ConfirmOther({ p }: { p: ProgramChoice }) {
  const { t } = useT();
  return (
    <div class="flash info" role="alert">
      <p>{t('programA.submit.otherWarning', { recognizer: p.recognizer, program: p.program })}</p>
      <p>
        <CountsToward p={p} />
      </p>
      <label>
        <input type="checkbox" name="otherRecognizer" value={p.publicId} />{' '}
        {t('programA.submit.otherConfirm', { recognizer: p.recognizer })}
      </label>
    </div>
  );
}

function SubmitForm(m: SubmitModel) {
  const { t } = useT();
  const { form, previous } = m;
  return (
    <form method="post" action={recognitionPaths.submit(m.slug)} class="stack" novalidate>
      <CsrfField token={m.csrfToken} />
      {previous && <input type="hidden" name="previousSubmission" value={previous.public_id} />}
      <SelectField
        form={form}
        name="subject"
        label="What to submit"
        options={[['', 'Choose a micro-credential, pathway or stack'], ...m.subjects]}
        value={m.chosenSubject}
        hint="Micro-credentials are submitted at their published version."
      />
      <h2>{t('programA.submit.suggested')}</h2>
      <SuggestedList programs={m.suggested} />
      <ProgramSelect {...m} />
      {m.confirmOther && <ConfirmOther p={m.confirmOther} />}
      <TextArea
        form={form}
        name="statement"
        label="Statement: how competency is verified and endorsed"
        hint="Who assesses the evidence, against which rubric, and how reviewers are trained."
        rows={5}
        value={previous?.statement}
      />
      <p>
        <button type="submit">{previous ? 'Resubmit for recognition' : 'Submit for recognition'}</button>
      </p>
    </form>
  );
}

export function SubmitView(m: SubmitModel) {
  return (
    <section class="card">
      <p class="muted">
        <a href={recognitionPaths.submissions(m.slug)}>Recognition submissions</a>
      </p>
      <h1>
        {m.previous
          ? `Resubmit “${m.previous.title.replace(/ \(version \d+\)$/, '')}”`
          : 'Submit for recognition'}
      </h1>
      <p>
        A recognizer approves one exact version: after any change (a new version) the new version needs a new
        approval. Earners of an approved version keep its recognition.
      </p>
      {m.suggested.length + m.other.length === 0 && (
        <p class="flash info">No recognizer has opened a recognition program yet.</p>
      )}
      {m.subjects.length === 0 && (
        <p class="flash info">Publish a micro-credential first: only published versions can be submitted.</p>
      )}
      <ErrorSummary form={m.form} />
      <SubmitForm {...m} />
    </section>
  );
}
