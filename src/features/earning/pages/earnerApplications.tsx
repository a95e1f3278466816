import { APPLICATION_STATUSES } from '../applicationStatuses.ts';
import {
  applicationEvidence,
  applicationVersion,
  earnersApplication,
  earnersApplications,
  microCredentialAt,
} from '../queries/applications.ts';
import { evidenceFileFor } from '../queries/evidenceFiles.ts';
import { Hono, type Context } from 'hono';
import { AppError } from '../../../domain/errors.ts';
import type { Design, Rubric } from '../../catalog/index.ts';
import { applyForMicroCredential, withdrawApplication } from '../commands/applyForMicroCredential.ts';
import {
  fileStoreFor,
  saveEvidence,
  saveEvidenceDrafts,
  saveEvidenceFile,
  submitApplication,
} from '../commands/submitEvidence.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { ActionButton, ErrorSummary, emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { ApplicationHeading, applicationFacts } from './applicationFacts.tsx';
import { proofApplicationPage } from '../../payments/index.ts';
import type { Child } from 'hono/jsx';
import { PageScriptTag, servePageScript } from '../../../web/pageScripts.tsx';
import { EvidenceForm, EvidenceReadOnly, ReviewsSection } from './evidenceViews.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { catalogEntryPath, catalogPath } from '../../catalog/index.ts';
import { issuingPaths } from '../../issuing/index.ts';
import { backpackPaths } from '../../backpack/index.ts';
import { earningPaths } from '../paths.ts';
import { z } from 'zod';

type C = Context<AppEnv>;
const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
const onApplication = z.object({ id: publicIdParam });
const onPart = onApplication.extend({ part: z.coerce.number().int().min(0).max(999) });
/** The application (or evidence file) the path names (`:id`). */
const idInPath = (c: C) => routeParams(c, onApplication).id;
/** Facts joined with " · ", only those present. */
export function joinFacts(facts: Child[]): Child[] {
  return facts
    .filter((f) => f !== null && f !== undefined && f !== false && f !== '')
    .flatMap((f, i) => (i === 0 ? [f] : [' · ', f]));
}
const STATUSES = APPLICATION_STATUSES;
/** An application's status in the reader's words (its code if the catalogue does not know it). */
function statusWords(t: Translator['t'], status: string): string {
  return (STATUSES as readonly string[]).includes(status)
    ? t(`earning.status.${status as (typeof STATUSES)[number]}`)
    : status;
}

/** An earner's application page (proof-of-completion applications have their own, in payments). */
async function applicationPage(c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) {
  const { db, clock } = c.var.deps;
  const app = await earnersApplication(db, actor(c).userId, idInPath(c));
  const v = await applicationVersion(db, app.version_id);
  if (v.earning_mode === 'proof_of_completion') return proofApplicationPage(c, form, status);
  const evidence = await applicationEvidence(db, app.id);
  const partsList = v.evidence_parts as Design['evidenceParts'];
  const rubric = v.rubric as Rubric;
  const { editable, daysLeft, credential } = await applicationFacts(db, app, clock.now());
  const { t, date } = requestTranslator(c);
  // Only the facts that apply, joined once (never "Attempt 2 · ·").
  const facts: Child[] = [t('earning.application.attempt', { number: Math.max(app.attempts, 1) })];
  if (editable)
    facts.push(t('earning.application.daysLeft', { count: daysLeft, deadline: date(app.deadline_at) }));
  if (credential)
    facts.push(
      <>
        <a href={issuingPaths.badge(credential.public_id)}>{t('earning.application.yourBadge')}</a>{' '}
        <a href={backpackPaths.backpack}>{t('earning.application.alsoInBackpack')}</a>
      </>,
    );
  return page(
    c,
    v.title,
    <>
      <ApplicationHeading title={v.title} />
      <p role="status">
        <span class="tag">{statusWords(t, app.status)}</span> {joinFacts(facts)}
      </p>
      <ErrorSummary form={form} />
      {editable ? (
        <EvidenceForm
          application={app.public_id}
          attempts={app.attempts}
          parts={partsList}
          evidence={evidence}
          form={form}
          csrfToken={c.var.csrfToken}
        />
      ) : (
        <EvidenceReadOnly parts={partsList} evidence={evidence} />
      )}
      {['in_progress', 'needs_revision', 'submitted'].includes(app.status) && (
        <ActionButton
          action={earningPaths.applicationWithdraw(app.public_id)}
          csrfToken={c.var.csrfToken}
          label={t('earning.application.withdraw')}
          variant="danger"
        />
      )}
      <ReviewsSection attempts={evidence.attempts} rubric={rubric} />
    </>,
    status,
    editable ? <PageScriptTag name="evidence-autosave.js" /> : undefined,
  );
}

const wantsJson = (c: C) => (c.req.header('accept') ?? '').includes('application/json');

/**
 * The evidence form as sent: typed parts (`part<i>`) and chosen files (`file<i>`). Parts not
 * in the form are left alone; an empty file input is no file.
 */
async function evidenceForm(
  c: C,
): Promise<{ texts: Map<number, string>; files: Map<number, File>; typed: Record<string, string> }> {
  const body = await c.req.parseBody();
  const texts = new Map<number, string>();
  const files = new Map<number, File>();
  const typed: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const text = /^part(\d{1,3})$/.exec(key);
    if (text && typeof value === 'string') {
      texts.set(Number(text[1]), value);
      typed[key] = value;
    }
    const file = /^file(\d{1,3})$/.exec(key);
    if (file && value instanceof File && value.size > 0) files.set(Number(file[1]), value);
  }
  return { texts, files, typed };
}

/** Saves the typed parts, then each chosen file; every problem is reported by part. */
async function saveAllEvidence(c: C, texts: Map<number, string>, files: Map<number, File>): Promise<void> {
  let problems: AppError | null = null;
  // Always through the command, even with nothing typed: it checks the application is the viewer's and open.
  try {
    await saveEvidenceDrafts(c.var.deps, {
      actor: actor(c),
      application: idInPath(c),
      drafts: texts,
    });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
    problems = err;
  }
  for (const [part, file] of files) {
    try {
      await saveEvidenceFile(c.var.deps, {
        actor: actor(c),
        application: idInPath(c),
        part,
        file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
      problems = new AppError(
        'validation_failed',
        problems ? requestTranslator(c).t('earning.flash.someNeedAttention') : err.message,
        { ...(problems?.fields ?? {}), ...err.fields },
      );
    }
  }
  if (problems) throw problems;
}

/** Earners apply and submit evidence; reviewers score it; evidence files are served to those allowed. */
export function earningRoutes() {
  const r = new Hono<AppEnv>();
  servePageScript(r, 'evidence-autosave.js');
  applyRoutes(r);
  applicationPageRoutes(r);
  evidenceFormRoutes(r);
  return r;
}

/** Applying from the catalog, and the earner's list of applications. */
function applyRoutes(r: Hono<AppEnv>) {
  r.post('/catalog/:org/:mc/apply', async (c) => {
    const { org, mc: mcSlug } = routeParams(c, z.object({ org: slugParam, mc: slugParam }));
    const mc = { public_id: await microCredentialAt(c.var.deps.db, org, mcSlug) };
    const fields = await formFields(c);
    return handleForm(
      c,
      {},
      async () => {
        const { publicId, payment } = await applyForMicroCredential(c.var.deps, {
          ...fields,
          actor: actor(c),
          microCredential: mc.public_id,
        });
        if (payment)
          return redirectWith(
            c,
            earningPaths.application(publicId),
            'success',
            requestTranslator(c).t('earning.flash.appliedWithInvoice', { invoice: payment.invoiceNumber }),
          );
        return redirectWith(
          c,
          earningPaths.application(publicId),
          'success',
          requestTranslator(c).t('earning.flash.applied'),
        );
      },
      (form) =>
        redirectWith(
          c,
          catalogEntryPath(org, mcSlug),
          'error',
          form.message ?? requestTranslator(c).t('earning.flash.cannotApply'),
        ),
    );
  });
  r.get('/applications', async (c) => {
    const rows = await earnersApplications(c.var.deps.db, actor(c).userId);
    const now = c.var.deps.clock.now().getTime();
    return page(
      c,
      requestTranslator(c).t('earning.applications.title'),
      <ApplicationsList
        rows={rows.map((a) => ({
          publicId: a.public_id,
          title: a.title,
          status: a.status,
          attempts: a.attempts,
          daysLeft: ['in_progress', 'needs_revision'].includes(a.status)
            ? Math.max(0, Math.ceil((a.deadline_at.getTime() - now) / 86_400_000))
            : null,
        }))}
      />,
    );
  });
}

/** `/applications`: the earner's applications, with what each needs and by when. */
function ApplicationsList({
  rows,
}: {
  rows: Array<{ publicId: string; title: string; status: string; attempts: number; daysLeft: number | null }>;
}) {
  const { t, number } = useT();
  return (
    <>
      <h1>{t('earning.applications.title')}</h1>
      {rows.length === 0 && (
        <p>
          {t('earning.applications.none')} <a href={catalogPath()}>{t('earning.applications.catalogLink')}</a>
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('earning.applications.columns.microCredential')}</th>
            <th scope="col">{t('earning.applications.columns.status')}</th>
            <th scope="col">{t('earning.applications.columns.daysLeft')}</th>
            <th scope="col">{t('earning.applications.columns.attempt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr>
              <td>
                <a href={earningPaths.application(a.publicId)}>{a.title}</a>
              </td>
              <td>{statusWords(t, a.status)}</td>
              <td>{a.daysLeft === null ? '—' : number(a.daysLeft)}</td>
              <td>{number(a.attempts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** An application's page, and saving one evidence part (typed or a file) at a time. */
function applicationPageRoutes(r: Hono<AppEnv>) {
  r.get('/applications/:id', (c) => applicationPage(c));
  r.post('/applications/:id/evidence/:part', async (c) => {
    const { id, part } = routeParams(c, onPart);
    const fields = await formFields(c);
    return handleForm(
      c,
      { [`part${part}`]: typeof fields.value === 'string' ? fields.value : '' },
      async () => {
        await saveEvidence(c.var.deps, { ...fields, actor: actor(c), application: id, part });
        return redirectWith(
          c,
          earningPaths.application(id),
          'success',
          requestTranslator(c).t('earning.flash.partSaved', { number: part + 1 }),
        );
      },
      (form, status) => applicationPage(c, form, status as 422),
    );
  });
  r.post('/applications/:id/evidence/:part/file', async (c) => {
    const { id, part } = routeParams(c, onPart);
    const body = await c.req.parseBody();
    const file = body.file;
    return handleForm(
      c,
      {},
      async () => {
        if (!(file instanceof File))
          throw new AppError('validation_failed', requestTranslator(c).t('earning.flash.chooseFile'), {
            [`part${part}`]: requestTranslator(c).t('earning.flash.chooseFile'),
          });
        await saveEvidenceFile(c.var.deps, {
          actor: actor(c),
          application: id,
          part,
          file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
        });
        return redirectWith(
          c,
          earningPaths.application(id),
          'success',
          requestTranslator(c).t('earning.flash.fileUploaded', { number: part + 1 }),
        );
      },
      (form, status) => applicationPage(c, form, status as 422),
    );
  });
}

/** The whole evidence form (save draft, submit), withdrawing, and serving evidence files to those allowed. */
function evidenceFormRoutes(r: Hono<AppEnv>) {
  r.post('/applications/:id/evidence', async (c) => {
    const id = idInPath(c);
    const { texts, files, typed } = await evidenceForm(c);
    if (wantsJson(c)) {
      // The autosave: typed parts only; problems come back as JSON through the error boundary.
      const { changed } = await saveEvidenceDrafts(c.var.deps, {
        actor: actor(c),
        application: id,
        drafts: texts,
      });
      return c.json({ saved: true, changed: changed.map((i) => `part${i}`) });
    }
    return handleForm(
      c,
      typed,
      async () => {
        await saveAllEvidence(c, texts, files);
        return redirectWith(
          c,
          earningPaths.application(id),
          'success',
          requestTranslator(c).t('earning.flash.evidenceSaved'),
        );
      },
      (form, status) => applicationPage(c, form, status as 422),
    );
  });
  r.post('/applications/:id/submit', async (c) => {
    // "Submit for review" sends the whole evidence form: everything typed is saved first, so a
    // part the earner did not save separately is never lost (and is in the submitted attempt).
    const id = idInPath(c);
    const { texts, files, typed } = await evidenceForm(c);
    return handleForm(
      c,
      typed,
      async () => {
        await saveAllEvidence(c, texts, files);
        const { attempt } = await submitApplication(c.var.deps, {
          actor: actor(c),
          application: id,
        });
        return redirectWith(
          c,
          earningPaths.application(id),
          'success',
          requestTranslator(c).t('earning.flash.submitted', { number: attempt }),
        );
      },
      (form, status) => applicationPage(c, form, status as 422),
    );
  });
  r.post('/applications/:id/withdraw', async (c) => {
    const id = idInPath(c);
    await withdrawApplication(c.var.deps, { actor: actor(c), application: id });
    return redirectWith(
      c,
      earningPaths.application(id),
      'info',
      requestTranslator(c).t('earning.flash.withdrawn'),
    );
  });
  r.get('/evidence-files/:id', async (c) => {
    const file = await evidenceFileFor(c.var.deps.db, actor(c).userId, idInPath(c));
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, no-store');
    c.header('Content-Disposition', `attachment; filename="${file.filename.replace(/[^\w.-]+/g, '_')}"`);
    const bytes = file.bytes.length ? file.bytes : fileStoreFor(c.var.deps.config).get(file);
    return c.body(Buffer.from(bytes), 200, { 'Content-Type': file.content_type });
  });
}
