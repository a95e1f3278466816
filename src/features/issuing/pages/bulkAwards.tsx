import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import { AppError } from '../../../domain/errors.ts';
import { requireMember } from '../../accounts/index.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { createAwardRun, requestDryRun, startAwardRun } from '../commands/bulkAward.ts';
import { AWARD_FIELDS, suggestMapping } from '../commands/awardRoster.ts';
import { awardProblems, awardProgress, listAwardRuns, runHeaderAndMapping } from '../queries/awardRuns.ts';
import { awardableMicroCredentials } from '../queries/issuedCredentials.ts';
import { issuingPaths } from '../paths.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { servePageScript } from '../../../web/pageScripts.tsx';
import {
  DryRunSection,
  MappingSection,
  ProblemRows,
  ProgressSection,
  STATE_LABEL,
  UploadSection,
} from './bulkAwardViews.tsx';

type C = Context<AppEnv>;

/** Largest roster a browser may upload; larger files go through `cairn issue --csv`, which streams from disk. */
export const MAX_ROSTER_UPLOAD_MB = 50;

const access = (c: C) =>
  requireMember(
    c.var.deps.db,
    c.req.param('slug') ?? '',
    requireViewer(c.var.viewer).user_id,
    'credentials.issue',
  );
/** The signed-in member acting (the commands check their role themselves). */
const actorOf = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

const listPage = async (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) => {
  const { organisation } = await access(c);
  const { db } = c.var.deps;
  const [runs, mcs] = await Promise.all([
    listAwardRuns(db, organisation.id),
    awardableMicroCredentials(db, organisation.id),
  ]);
  const titles = new Map(mcs.map((m) => [m.public_id, m.title]));
  const base = issuingPaths.awards(organisation.slug);
  return page(
    c,
    'Bulk award from CSV',
    <>
      <h1>Bulk award from CSV</h1>
      <p>
        Award a micro-credential to everyone on an attendance roster. Upload a CSV file whose first line names
        the columns (one column must hold email addresses), match the columns, check the dry run, then issue.
        Each recipient gets one credential, however often the same row is uploaded. Files over{' '}
        {MAX_ROSTER_UPLOAD_MB} MB: use <code>cairn issue --csv</code>.
      </p>
      <UploadSection form={form} csrf={c.var.csrfToken} slug={organisation.slug} mcs={mcs} />
      {runs.length > 0 && (
        <table>
          <caption>Earlier runs</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Micro-credential</th>
              <th scope="col">Rows</th>
              <th scope="col">Issued</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr>
                <td>
                  <a href={`${base}/${run.public_id}`}>{run.file_name}</a>
                </td>
                <td>
                  {titles.get(run.mc_public_id) ?? run.mc_public_id} (v{run.micro_credential_version})
                </td>
                <td>{run.total_rows}</td>
                <td>{run.issued_rows}</td>
                <td>{STATE_LABEL[run.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
    status,
  );
};

const runPage = async (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) => {
  const { organisation } = await access(c);
  const { db } = c.var.deps;
  const runId = c.req.param('run') ?? '';
  const progress = await awardProgress(db, organisation.id, runId);
  const run = await runHeaderAndMapping(db, organisation.id, runId);
  const mapping = run.mapping ?? suggestMapping(run.header);
  const problems =
    progress.state === 'uploaded' || progress.state === 'checking'
      ? []
      : await awardProblems(db, organisation.id, runId);
  const base = issuingPaths.awardRun(organisation.slug, runId);
  const live = progress.state === 'checking' || progress.state === 'queued' || progress.state === 'running';
  const unused = run.header.filter((h) => !Object.values(mapping).includes(h));
  return page(
    c,
    `Bulk award: ${progress.fileName}`,
    <>
      <p>
        <a href={issuingPaths.awards(organisation.slug)}>All bulk awards</a>
      </p>
      <h1>Bulk award: {progress.fileName}</h1>
      <p>
        {progress.total} rows · <strong>{STATE_LABEL[progress.state]}</strong>
      </p>
      {progress.state === 'checking' && (
        <section class="card" aria-live="polite">
          <h2>Checking {progress.total} rows</h2>
          <p class="hint">
            The dry run report appears here when every row is checked; this page updates itself.
          </p>
        </section>
      )}
      {(progress.state === 'queued' || progress.state === 'running' || progress.state === 'done') && (
        <ProgressSection progress={progress} base={base} slug={organisation.slug} live={live} />
      )}
      {progress.state === 'failed' && (
        <div class="error-summary" role="alert">
          <p>
            <strong>Issuing stopped: {progress.error}</strong>
          </p>
        </div>
      )}
      {(progress.state === 'uploaded' || progress.state === 'dry_run') && (
        <MappingSection
          form={form}
          csrf={c.var.csrfToken}
          base={base}
          header={run.header}
          mapping={mapping}
          first={progress.state === 'uploaded'}
        />
      )}
      {progress.state === 'dry_run' && (
        <DryRunSection progress={progress} unused={unused} base={base} csrf={c.var.csrfToken} />
      )}
      {problems.length > 0 && (
        <ProblemRows problems={problems} header={run.header} emailColumn={mapping.email} />
      )}
    </>,
    status,
    live ? raw('<meta http-equiv="refresh" content="2">') : undefined,
  );
};

/** POST /orgs/:slug/awards: a roster uploaded as a form (without scripts), stored as a new run. */
async function uploadRoster(c: C) {
  const body = await c.req.parseBody();
  const fields = { microCredential: typeof body.microCredential === 'string' ? body.microCredential : '' };
  return handleForm(
    c,
    fields,
    async () => {
      const { organisation } = await access(c);
      const file = body.file;
      if (!(file instanceof File) || file.size === 0)
        throw new AppError('validation_failed', 'Choose a CSV file to upload.', {
          file: 'Choose a CSV file to upload.',
        });
      const stream = file.stream() as unknown as AsyncIterable<Uint8Array>;
      const run = await createAwardRun(c.var.deps, {
        microCredential: fields.microCredential,
        fileName: file.name,
        source: stream,
        organisationId: organisation.id,
        actor: actorOf(c),
      });
      return redirectWith(
        c,
        issuingPaths.awardRun(organisation.slug, run.publicId),
        'success',
        `Uploaded ${run.total} rows. Match the columns, then check the dry run.`,
      );
    },
    (form, status) => listPage(c, form, status as 422),
  );
}

/** Bulk award from a CSV roster: upload, map columns, dry run report, issue with a live progress bar. */
export function bulkAwardRoutes() {
  const r = new Hono<AppEnv>();
  servePageScript(r, 'bulk-award.js');
  r.get('/orgs/:slug/awards', (c) => listPage(c));
  r.post('/orgs/:slug/awards', (c) => uploadRoster(c));
  r.get('/orgs/:slug/awards/:run', (c) => runPage(c));
  r.get('/orgs/:slug/awards/:run/progress', async (c) => {
    const { organisation } = await access(c);
    return c.json(await awardProgress(c.var.deps.db, organisation.id, c.req.param('run')));
  });
  r.post('/orgs/:slug/awards/:run/mapping', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const { organisation } = await access(c);
        const mapping = Object.fromEntries(
          Object.keys(AWARD_FIELDS).map((f) => [f, typeof fields[f] === 'string' ? fields[f] : '']),
        );
        const summary = await requestDryRun(c.var.deps, {
          run: c.req.param('run'),
          mapping,
          organisationId: organisation.id,
          actor: actorOf(c),
        });
        const where = issuingPaths.awardRun(organisation.slug, c.req.param('run'));
        if (!summary)
          return redirectWith(
            c,
            where,
            'info',
            'Checking every row; the dry run report appears here when it is done.',
          );
        return redirectWith(
          c,
          where,
          summary.valid ? 'success' : 'error',
          `Dry run: ${summary.valid} of ${summary.total} rows can be issued.`,
        );
      },
      (form, status) => runPage(c, form, status as 422),
    );
  });
  r.post('/orgs/:slug/awards/:run/issue', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const { organisation } = await access(c);
        const { queued } = await startAwardRun(c.var.deps, {
          run: c.req.param('run'),
          organisationId: organisation.id,
          actor: actorOf(c),
        });
        return redirectWith(
          c,
          issuingPaths.awardRun(organisation.slug, c.req.param('run')),
          'success',
          queued ? `Issuing ${queued} credentials.` : 'This run is already issuing.',
        );
      },
      (form, status) => runPage(c, form, status as 409),
    );
  });
  return r;
}
