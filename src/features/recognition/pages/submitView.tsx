import { CsrfField, ErrorSummary, TextArea, SelectField } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { recognitionPaths } from '../paths.ts';
import type { ProgramChoice } from './submitModel.ts';
import type { SubjectOption, SubmitModel } from './submitLoader.ts';

export type { SubmitModel } from './submitLoader.ts';

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

/** A subject as the "What to submit" select names it. */
function subjectLabel(t: ReturnType<typeof useT>['t'], o: SubjectOption): string {
  if (o.kind === 'pathway') return t('recognition.submit.pathway', { name: o.name });
  if (o.kind === 'stack') return t('recognition.submit.stack', { name: o.name });
  return t('recognition.versionTitle', { title: o.name, version: o.version ?? 0 });
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
        label={t('recognition.submit.subject')}
        options={[
          ['', t('recognition.submit.subjectChoose')],
          ...m.subjects.map((o): [string, string] => [o.value, subjectLabel(t, o)]),
        ]}
        value={m.chosenSubject}
        hint={t('recognition.submit.subjectHint')}
      />
      <h2>{t('programA.submit.suggested')}</h2>
      <SuggestedList programs={m.suggested} />
      <ProgramSelect {...m} />
      {m.confirmOther && <ConfirmOther p={m.confirmOther} />}
      <TextArea
        form={form}
        name="statement"
        label={t('recognition.submission.statement')}
        hint={t('recognition.submit.statementHint')}
        rows={5}
        value={previous?.statement}
      />
      <p>
        <button type="submit">
          {previous ? t('recognition.submit.resubmit') : t('recognition.submit.submit')}
        </button>
      </p>
    </form>
  );
}

export function SubmitView(m: SubmitModel) {
  const { t } = useT();
  return (
    <section class="card">
      <p class="muted">
        <a href={recognitionPaths.submissions(m.slug)}>{t('recognition.submit.back')}</a>
      </p>
      <h1>
        {m.previous
          ? t('recognition.submit.resubmitTitle', { title: m.previous.subject_name })
          : t('recognition.submit.title')}
      </h1>
      <p>{t('recognition.submit.intro')}</p>
      {m.suggested.length + m.other.length === 0 && (
        <p class="flash info">{t('recognition.submit.noPrograms')}</p>
      )}
      {m.subjects.length === 0 && <p class="flash info">{t('recognition.submit.nothingPublished')}</p>}
      <ErrorSummary form={m.form} />
      <SubmitForm {...m} />
    </section>
  );
}
