import { CsrfField, ErrorSummary, SelectField, TableHead, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { PageScriptTag } from '../../../web/pageScripts.tsx';
import type { AwardRunsModel } from './bulkAwardLoader.ts';

// The bulk award runs page: the roster upload form and the earlier runs (bulkAwards.tsx routes it;
// one run's page is in bulkAwardRunView.tsx).

/**
 * The roster upload form. When scripts run, bulk-award.js streams the file to the JSON API and
 * says how it goes with the data-* messages here.
 */
export function UploadSection({
  model,
  form,
  csrf,
}: {
  model: AwardRunsModel;
  form: FormState;
  csrf: string;
}) {
  const { t } = useT();
  const fileError = form.errors.file;
  return (
    <section class="card">
      <h2>{t('issuingStaff.bulk.upload.heading')}</h2>
      <ErrorSummary form={form} />
      <form
        method="post"
        action={model.paths.upload}
        enctype="multipart/form-data"
        class="stack"
        novalidate
        data-stream-upload={model.paths.streamUpload}
        data-uploading={t('issuingStaff.bulk.upload.uploading', { file: '{file}' })}
        data-upload-failed={t('issuingStaff.bulk.upload.failed')}
        data-upload-offline={t('issuingStaff.bulk.upload.offline')}
      >
        <CsrfField token={csrf} />
        <SelectField
          form={form}
          name="microCredential"
          label={t('issuingStaff.bulk.upload.microCredential')}
          options={model.microCredentials.map((m) => [m.public_id, m.title])}
        />
        <div class="field">
          <label for="f-file">{t('issuingStaff.bulk.upload.file')}</label>
          <span id="f-file-hint" class="hint">
            {t('issuingStaff.bulk.upload.fileHint')}
          </span>
          {fileError && (
            <span id="f-file-error" class="error-text">
              {fileError}
            </span>
          )}
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError ? 'f-file-hint f-file-error' : 'f-file-hint'}
            aria-invalid={fileError ? 'true' : undefined}
          />
        </div>
        <button type="submit">{t('issuingStaff.bulk.upload.submit')}</button>
        <p data-upload-status role="status" class="hint"></p>
      </form>
      <PageScriptTag name="bulk-award.js" />
    </section>
  );
}

/** The organisation's earlier runs, newest first. */
function EarlierRuns({ runs }: { runs: AwardRunsModel['runs'] }) {
  const { t, number } = useT();
  return (
    <table>
      <caption>{t('issuingStaff.bulk.earlier.caption')}</caption>
      <TableHead
        columns={[
          t('issuingStaff.bulk.earlier.file'),
          t('issuingStaff.bulk.earlier.microCredential'),
          t('issuingStaff.bulk.earlier.rows'),
          t('issuingStaff.bulk.earlier.issued'),
          t('issuingStaff.bulk.earlier.state'),
        ]}
      />
      <tbody>
        {runs.map((run) => (
          <tr>
            <td>
              <a href={run.path}>{run.fileName}</a>
            </td>
            <td>
              {run.microCredential} {t('issuingStaff.bulk.earlier.version', { version: run.version })}
            </td>
            <td>{number(run.total)}</td>
            <td>{number(run.issued)}</td>
            <td>{t(`issuingStaff.bulk.states.${run.state}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The runs page: how bulk awards work, the upload form, the earlier runs. */
export function AwardRunsView({
  model,
  form,
  csrf,
}: {
  model: AwardRunsModel;
  form: FormState;
  csrf: string;
}) {
  const { t, number } = useT();
  return (
    <>
      <h1>{t('issuingStaff.bulk.title')}</h1>
      <p>
        {t('issuingStaff.bulk.intro')}{' '}
        {t('issuingStaff.bulk.largeFiles', { size: number(model.maxUploadMb) })}{' '}
        <code>cairn issue --csv</code>.
      </p>
      <UploadSection model={model} form={form} csrf={csrf} />
      {model.runs.length > 0 && <EarlierRuns runs={model.runs} />}
    </>
  );
}
