import { CsrfField, ErrorSummary, TableHead, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { translateMessage } from '../../../web/i18n/commandMessages.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { AWARD_FIELDS, ROW_PROBLEM_SEPARATOR, type AwardField } from '../commands/awardRoster.ts';
import type { AwardRunModel } from './bulkAwardLoader.ts';

// One bulk award run's page: where it stands, the column mapping, the dry run, the progress bar
// and the rows left out (bulkAwards.tsx routes it, bulkAwardLoader.ts loads its model).

const FIELDS = Object.keys(AWARD_FIELDS) as AwardField[];

/** Matching the file's columns to the award's fields (first the guessed mapping). */
export function MappingSection({
  model,
  form,
  csrf,
}: {
  model: AwardRunModel;
  form: FormState;
  csrf: string;
}) {
  const { t } = useT();
  const first = model.progress.state === 'uploaded';
  return (
    <section class="card">
      <h2>{t('issuingStaff.bulk.mapping.heading')}</h2>
      <ErrorSummary form={form} />
      <form method="post" action={model.paths.mapping} class="stack" novalidate>
        <CsrfField token={csrf} />
        {FIELDS.map((field) => {
          const chosen = form.values[field] ?? model.mapping[field] ?? '';
          const name = t(`issuingStaff.bulk.mapping.fields.${field}`);
          const error = form.errors[field];
          return (
            <div class="field">
              <label for={`f-${field}`}>
                {field === 'email' ? t('issuingStaff.bulk.mapping.required', { field: name }) : name}
              </label>
              {error && (
                <span id={`f-${field}-error`} class="error-text">
                  {error}
                </span>
              )}
              <select
                id={`f-${field}`}
                name={field}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `f-${field}-error` : undefined}
              >
                <option value="">{t('issuingStaff.bulk.mapping.notInFile')}</option>
                {model.header.map((h) => (
                  <option value={h} selected={chosen === h}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        <button type="submit">
          {t(first ? 'issuingStaff.bulk.mapping.check' : 'issuingStaff.bulk.mapping.checkAgain')}
        </button>
      </form>
    </section>
  );
}

/** The issuing progress bar (the page refreshes itself while it runs). */
export function ProgressSection({ model }: { model: AwardRunModel }) {
  const { t, number } = useT();
  const { progress } = model;
  return (
    <section class="card" aria-live="polite">
      <h2>{t('issuingStaff.bulk.progress.heading')}</h2>
      <label for="award-progress">
        {t('issuingStaff.bulk.progress.label', {
          issued: number(progress.issued),
          skipped: number(progress.skipped),
          valid: number(progress.valid),
          percent: number(progress.percent / 100, { style: 'percent' }),
        })}
      </label>
      <progress
        id="award-progress"
        value={progress.issued + progress.skipped}
        max={Math.max(1, progress.valid)}
        data-progress-url={model.paths.progress}
      >
        {number(progress.percent / 100, { style: 'percent' })}
      </progress>
      {model.live && <p class="hint">{t('issuingStaff.bulk.progress.live')}</p>}
      {progress.state === 'done' && (
        <p>
          {t('issuingStaff.bulk.progress.done', { count: progress.issued })}{' '}
          <a href={model.paths.credentials}>{t('issuingStaff.bulk.progress.seeIssued')}</a>.
        </p>
      )}
    </section>
  );
}

/** The dry run's counts and the button that issues. */
export function DryRunSection({ model, csrf }: { model: AwardRunModel; csrf: string }) {
  const { t } = useT();
  const { progress, unused } = model;
  return (
    <section class="card">
      <h2>{t('issuingStaff.bulk.dryRun.heading')}</h2>
      <ul>
        <li>
          <strong>{t('issuingStaff.bulk.dryRun.valid', { count: progress.valid })}</strong>
        </li>
        <li>{t('issuingStaff.bulk.dryRun.invalid', { count: progress.invalid })}</li>
        <li>{t('issuingStaff.bulk.dryRun.duplicate', { count: progress.duplicate })}</li>
        <li>{t('issuingStaff.bulk.dryRun.alreadyIssued', { count: progress.alreadyIssued })}</li>
        {unused.length > 0 && <li>{t('issuingStaff.bulk.dryRun.unused', { columns: unused.join(', ') })}</li>}
      </ul>
      {progress.valid > 0 ? (
        <form method="post" action={model.paths.issue}>
          <CsrfField token={csrf} />
          <button type="submit">{t('issuingStaff.bulk.dryRun.issue', { count: progress.valid })}</button>
        </form>
      ) : (
        <p>{t('issuingStaff.bulk.dryRun.nothing')}</p>
      )}
    </section>
  );
}

/** A row's problems (stored one per line, in English), each said in the reader's language. */
const problemText = (i18n: Translator, text: string | null) =>
  (text ?? '')
    .split(ROW_PROBLEM_SEPARATOR)
    .map((line) => translateMessage(i18n, line))
    .join(' ');

/** The rows left out, with why. */
export function ProblemRows({ model }: { model: AwardRunModel }) {
  const i18n = useT();
  const { t, number } = i18n;
  const count = number(model.problems.length);
  return (
    <table>
      <caption>
        {model.problemsCut
          ? t('issuingStaff.bulk.problems.captionFirst', { count })
          : t('issuingStaff.bulk.problems.caption', { count })}
      </caption>
      <TableHead
        columns={[
          t('issuingStaff.bulk.problems.line'),
          t('issuingStaff.bulk.problems.email'),
          t('issuingStaff.bulk.problems.problem'),
        ]}
      />
      <tbody>
        {model.problems.map((p) => (
          <tr>
            <td>{number(p.line)}</td>
            <td>{p.email}</td>
            <td>{problemText(i18n, p.problem)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One run's page: its state, then what can be done in that state. */
export function AwardRunView({ model, form, csrf }: { model: AwardRunModel; form: FormState; csrf: string }) {
  const i18n = useT();
  const { t } = i18n;
  const { progress } = model;
  const state = progress.state;
  return (
    <>
      <p>
        <a href={model.paths.all}>{t('issuingStaff.bulk.run.all')}</a>
      </p>
      <h1>{t('issuingStaff.bulk.run.title', { file: progress.fileName })}</h1>
      <p>
        {t('issuingStaff.bulk.run.rows', { count: progress.total })} ·{' '}
        <strong>{t(`issuingStaff.bulk.states.${state}`)}</strong>
      </p>
      {state === 'checking' && (
        <section class="card" aria-live="polite">
          <h2>{t('issuingStaff.bulk.run.checkingHeading', { count: progress.total })}</h2>
          <p class="hint">{t('issuingStaff.bulk.run.checkingHint')}</p>
        </section>
      )}
      {(state === 'queued' || state === 'running' || state === 'done') && <ProgressSection model={model} />}
      {state === 'failed' && (
        <div class="error-summary" role="alert">
          <p>
            <strong>
              {t('issuingStaff.bulk.run.stopped', { error: translateMessage(i18n, progress.error ?? '') })}
            </strong>
          </p>
        </div>
      )}
      {(state === 'uploaded' || state === 'dry_run') && (
        <MappingSection model={model} form={form} csrf={csrf} />
      )}
      {state === 'dry_run' && <DryRunSection model={model} csrf={csrf} />}
      {model.problems.length > 0 && <ProblemRows model={model} />}
    </>
  );
}
