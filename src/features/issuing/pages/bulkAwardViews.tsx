import { CsrfField, ErrorSummary, SelectField, type FormState } from '../../../web/forms.tsx';
import { PageScriptTag } from '../../../web/pageScripts.tsx';
import { AWARD_FIELDS, type AwardField, type AwardMapping } from '../commands/awardRoster.ts';
import type { AwardProgress, awardProblems } from '../queries/awardRuns.ts';
import { issuingPaths } from '../paths.ts';

// The parts of the bulk award pages (bulkAwards.tsx loads their data and routes the forms).

const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;

/** Each run state in words. */
export const STATE_LABEL: Record<AwardProgress['state'], string> = {
  uploaded: 'Uploaded: map the columns',
  checking: 'Checking the rows (dry run)',
  dry_run: 'Checked: ready to issue',
  queued: 'Queued',
  running: 'Issuing',
  done: 'Done',
  failed: 'Failed',
};

/** The roster upload form (streamed to the JSON API by bulk-award.js when scripts run). */
export function UploadSection({
  form,
  csrf,
  slug,
  mcs,
}: {
  form: FormState;
  csrf: string;
  slug: string;
  mcs: Array<{ public_id: string; title: string }>;
}) {
  return (
    <section class="card">
      <h2>Upload a roster</h2>
      <ErrorSummary form={form} />
      <form
        method="post"
        action={issuingPaths.awards(slug)}
        enctype="multipart/form-data"
        class="stack"
        novalidate
        data-stream-upload={issuingPaths.awardRunsApi(slug)}
      >
        <CsrfField token={csrf} />
        <SelectField
          form={form}
          name="microCredential"
          label="Micro-credential"
          options={mcs.map((m) => [m.public_id, m.title])}
        />
        <div class="field">
          <label for="f-file">CSV file</label>
          <span id="f-file-hint" class="hint">
            UTF-8, comma, semicolon or tab separated, with a header line.
          </span>
          {form.errors.file && (
            <span id="f-file-error" class="error-text">
              {form.errors.file}
            </span>
          )}
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={form.errors.file ? 'f-file-hint f-file-error' : 'f-file-hint'}
            aria-invalid={form.errors.file ? 'true' : undefined}
          />
        </div>
        <button type="submit">Upload and map columns</button>
        <p data-upload-status role="status" class="hint"></p>
      </form>
      <PageScriptTag name="bulk-award.js" />
    </section>
  );
}

/** Matching the file's columns to the award's fields (first the guessed mapping). */
export function MappingSection({
  form,
  csrf,
  base,
  header,
  mapping,
  first,
}: {
  form: FormState;
  csrf: string;
  base: string;
  header: string[];
  mapping: AwardMapping;
  first: boolean;
}) {
  return (
    <section class="card">
      <h2>Match the columns</h2>
      <ErrorSummary form={form} />
      <form method="post" action={`${base}/mapping`} class="stack" novalidate>
        <CsrfField token={csrf} />
        {(Object.keys(AWARD_FIELDS) as AwardField[]).map((field) => {
          const chosen = form.values[field] ?? mapping[field] ?? '';
          return (
            <div class="field">
              <label for={`f-${field}`}>
                {AWARD_FIELDS[field]}
                {field === 'email' ? ' (required)' : ''}
              </label>
              {form.errors[field] && (
                <span id={`f-${field}-error`} class="error-text">
                  {form.errors[field]}
                </span>
              )}
              <select id={`f-${field}`} name={field} aria-invalid={form.errors[field] ? 'true' : undefined}>
                <option value="">— not in the file —</option>
                {header.map((h) => (
                  <option value={h} selected={chosen === h}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        <button type="submit">{first ? 'Check the rows (dry run)' : 'Check again with this mapping'}</button>
      </form>
    </section>
  );
}

/** The issuing progress bar (the page refreshes itself while it runs). */
export function ProgressSection({
  progress,
  base,
  slug,
  live,
}: {
  progress: AwardProgress;
  base: string;
  slug: string;
  live: boolean;
}) {
  return (
    <section class="card" aria-live="polite">
      <h2>Progress</h2>
      <label for="award-progress">
        {progress.issued} issued, {progress.skipped} skipped of {progress.valid} ({progress.percent}%)
      </label>
      <progress
        id="award-progress"
        value={progress.issued + progress.skipped}
        max={Math.max(1, progress.valid)}
        data-progress-url={`${base}/progress`}
      >
        {progress.percent}%
      </progress>
      {live && (
        <p class="hint">
          This page updates itself every two seconds; you can leave it: issuing goes on without it.
        </p>
      )}
      {progress.state === 'done' && (
        <p>
          Done: {progress.issued} credentials issued and their claim emails queued.{' '}
          <a href={issuingPaths.credentials(slug)}>See issued credentials</a>.
        </p>
      )}
    </section>
  );
}

/** The dry run's counts and the button that issues. */
export function DryRunSection({
  progress,
  unused,
  base,
  csrf,
}: {
  progress: AwardProgress;
  unused: string[];
  base: string;
  csrf: string;
}) {
  return (
    <section class="card">
      <h2>Dry run</h2>
      <ul>
        <li>
          <strong>{rows(progress.valid)}</strong> will be issued
        </li>
        <li>{rows(progress.invalid)} with problems will be left out</li>
        <li>
          {rows(progress.duplicate)} repeating an earlier row will be left out (the earlier row is issued)
        </li>
        <li>
          {rows(progress.alreadyIssued)} for recipients who already hold this micro-credential version will be
          left out
        </li>
        {unused.length > 0 && <li>Columns not used: {unused.join(', ')}</li>}
      </ul>
      {progress.valid > 0 ? (
        <form method="post" action={`${base}/issue`}>
          <CsrfField token={csrf} />
          <button type="submit">
            Issue {progress.valid} credential{progress.valid === 1 ? '' : 's'}
          </button>
        </form>
      ) : (
        <p>No row can be issued. Fix the file and upload it again.</p>
      )}
    </section>
  );
}

/** The rows left out, with why. */
export function ProblemRows({
  problems,
  header,
  emailColumn,
}: {
  problems: Awaited<ReturnType<typeof awardProblems>>;
  header: string[];
  emailColumn: string | undefined;
}) {
  return (
    <table>
      <caption>Rows left out ({problems.length === 200 ? 'the first 200' : problems.length})</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Email</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p) => (
          <tr>
            <td>{p.row_number}</td>
            <td>{p.email ?? p.cells[header.indexOf(emailColumn ?? '')] ?? ''}</td>
            <td>{p.error}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
