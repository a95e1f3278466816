import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { requireMember } from '../../accounts/index.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import type { AppEnv } from '../../../http/env.ts';
import { createAwardRun, requestDryRun, startAwardRun } from '../commands/bulkAward.ts';
import { AWARD_FIELDS } from '../commands/awardRoster.ts';
import { awardProgress } from '../queries/awardRuns.ts';
import { issuingPaths } from '../paths.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { servePageScript } from '../../../web/pageScripts.tsx';
import { loadAwardRun, loadAwardRuns } from './bulkAwardLoader.ts';
import { AwardRunsView } from './bulkAwardViews.tsx';
import { AwardRunView } from './bulkAwardRunView.tsx';

export { MAX_ROSTER_UPLOAD_MB } from './bulkAwardLoader.ts';

type C = Context<AppEnv>;
type Fields = Record<string, string | string[]>;

const orgParams = z.object({ slug: slugParam });
const runParams = z.object({ slug: slugParam, run: publicIdParam });
/** The run in the path (an id that cannot be one is not found, like an unknown one). */
const runOf = (c: C) => routeParams(c, runParams, { what: 'awardRun' }).run;

/** The organisation in the path, for a member allowed to issue (the commands check again themselves). */
const access = (c: C) =>
  requireMember(
    c.var.deps.db,
    routeParams(c, orgParams).slug,
    requireViewer(c.var.viewer).user_id,
    'credentials.issue',
  );
/** The signed-in member acting (the commands check their role themselves). */
const actorOf = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

async function runsPage(c: C, form: FormState = emptyForm, status: 200 | 422 = 200) {
  const { organisation } = await access(c);
  const model = await loadAwardRuns(c.var.deps.db, organisation);
  const { t } = requestTranslator(c);
  return page(
    c,
    t('issuingStaff.bulk.title'),
    <AwardRunsView model={model} form={form} csrf={c.var.csrfToken} />,
    status,
  );
}

async function runPage(c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) {
  const { organisation } = await access(c);
  const run = runOf(c);
  const model = await loadAwardRun(c.var.deps.db, organisation, run);
  const { t } = requestTranslator(c);
  return page(
    c,
    t('issuingStaff.bulk.run.title', { file: model.progress.fileName }),
    <AwardRunView model={model} form={form} csrf={c.var.csrfToken} />,
    status,
    model.live ? raw('<meta http-equiv="refresh" content="2">') : undefined,
  );
}

/** POST /orgs/:slug/awards: a roster uploaded as a form (without scripts), stored as a new run. */
async function uploadRoster(c: C) {
  const body = await c.req.parseBody();
  const fields = { microCredential: typeof body.microCredential === 'string' ? body.microCredential : '' };
  const { t } = requestTranslator(c);
  return handleForm(
    c,
    fields,
    async () => {
      const { organisation } = await access(c);
      const file = body.file;
      if (!(file instanceof File) || file.size === 0) {
        const choose = t('issuingStaff.bulk.upload.chooseFile');
        throw new AppError('validation_failed', choose, { file: choose });
      }
      const run = await createAwardRun(c.var.deps, {
        microCredential: fields.microCredential,
        fileName: file.name,
        source: file.stream() as unknown as AsyncIterable<Uint8Array>,
        organisationId: organisation.id,
        actor: actorOf(c),
      });
      return redirectWith(
        c,
        issuingPaths.awardRun(organisation.slug, run.publicId),
        'success',
        t('issuingStaff.bulk.flash.uploaded', { count: run.total }),
      );
    },
    (form, status) => runsPage(c, form, status as 422),
  );
}

/** POST /orgs/:slug/awards/:run/mapping: the columns matched; the dry run checks the rows. */
async function mapColumns(c: C, fields: Fields) {
  const { organisation } = await access(c);
  const run = runOf(c);
  const mapping = Object.fromEntries(
    Object.keys(AWARD_FIELDS).map((f) => [f, typeof fields[f] === 'string' ? fields[f] : '']),
  );
  const summary = await requestDryRun(c.var.deps, {
    run,
    mapping,
    organisationId: organisation.id,
    actor: actorOf(c),
  });
  const where = issuingPaths.awardRun(organisation.slug, run);
  const { t } = requestTranslator(c);
  if (!summary) return redirectWith(c, where, 'info', t('issuingStaff.bulk.flash.checking'));
  return redirectWith(
    c,
    where,
    summary.valid ? 'success' : 'error',
    t('issuingStaff.bulk.flash.dryRun', { valid: summary.valid, total: summary.total }),
  );
}

/** POST /orgs/:slug/awards/:run/issue: the checked rows are queued for issuing. */
async function issueRun(c: C) {
  const { organisation } = await access(c);
  const run = runOf(c);
  const { queued } = await startAwardRun(c.var.deps, {
    run,
    organisationId: organisation.id,
    actor: actorOf(c),
  });
  const { t } = requestTranslator(c);
  return redirectWith(
    c,
    issuingPaths.awardRun(organisation.slug, run),
    'success',
    queued
      ? t('issuingStaff.bulk.flash.issuing', { count: queued })
      : t('issuingStaff.bulk.flash.alreadyIssuing'),
  );
}

/** Bulk award from a CSV roster: upload, map columns, dry run report, issue with a live progress bar. */
export function bulkAwardRoutes() {
  const r = new Hono<AppEnv>();
  servePageScript(r, 'bulk-award.js');
  r.get('/orgs/:slug/awards', (c) => runsPage(c));
  r.post('/orgs/:slug/awards', (c) => uploadRoster(c));
  r.get('/orgs/:slug/awards/:run', (c) => runPage(c));
  r.get('/orgs/:slug/awards/:run/progress', async (c) => {
    const { organisation } = await access(c);
    const run = runOf(c);
    return c.json(await awardProgress(c.var.deps.db, organisation.id, run));
  });
  r.post('/orgs/:slug/awards/:run/mapping', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      () => mapColumns(c, fields),
      (form, status) => runPage(c, form, status as 422),
    );
  });
  r.post('/orgs/:slug/awards/:run/issue', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      () => issueRun(c),
      (form, status) => runPage(c, form, status as 409),
    );
  });
  return r;
}
