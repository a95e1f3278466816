import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { raw } from 'hono/html';
import { z } from 'zod';
import type { Rubric } from '../../catalog/index.ts';
import type { Queryable } from '../../../storage/database.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams } from '../../../http/params.ts';
import { CsrfField, ErrorSummary, emptyForm, type FormState } from '../../../web/forms.tsx';
import { renderMarkdown } from '../../../web/markdown.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { reviewAttempt } from '../commands/reviewAttempt.ts';
import { startReview } from '../commands/startReview.ts';
import { assignedAttempt, reviewQueue } from '../queries/peerReview.ts';
import { earningPaths } from '../paths.ts';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';

/** Peer review: a reviewer's queue, one submission's evidence beside its rubric, and the decision. */

export interface ReviewerQueueModel {
  submissions: Array<{ href: string; title: string; number: number; submittedAt: Date }>;
}

export async function loadReviewerQueue(db: Queryable, userId: number): Promise<ReviewerQueueModel> {
  const rows = await reviewQueue(db, userId);
  return {
    submissions: rows.map((r) => ({
      href: earningPaths.review(r.public_id),
      title: r.title,
      number: r.number,
      submittedAt: r.submitted_at,
    })),
  };
}

export function ReviewerQueueView({ model }: { model: ReviewerQueueModel }) {
  const { t, date } = useT();
  return (
    <>
      <h1>{t('earning.reviews.queueTitle')}</h1>
      {model.submissions.length === 0 && <p>{t('earning.reviews.nothing')}</p>}
      <ul>
        {model.submissions.map((s) => (
          <li>
            <a href={s.href}>{t('earning.reviews.submission', { title: s.title, number: s.number })}</a>{' '}
            <span class="muted">{t('earning.reviews.submittedOn', { date: date(s.submittedAt) })}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

interface EvidenceShown {
  part: number;
  /** Markdown rendered to safe HTML. */
  html: string | null;
  link: string | null;
  file: { href: string; name: string } | null;
}

export interface ReviewModel {
  title: string;
  attempt: number;
  action: string;
  /** A "Start review" button while the earner still sees "submitted". */
  startAction: string | null;
  decided: 'passed' | 'needs_revision' | null;
  evidence: EvidenceShown[];
  rubric: Rubric;
}

type StoredEvidence = {
  part: number;
  text: string | null;
  link: string | null;
  file: { id: string; name: string } | null;
};

/** The submission assigned to this reviewer, with its evidence and rubric (not_found for anyone else). */
export async function loadReview(
  db: Queryable,
  userId: number,
  attemptPublicId: string,
): Promise<ReviewModel> {
  const a = await assignedAttempt(db, userId, attemptPublicId);
  return {
    title: a.title,
    attempt: a.number,
    action: earningPaths.review(a.public_id),
    startAction:
      !a.decision && a.application_status === 'submitted' ? earningPaths.reviewStart(a.public_id) : null,
    decided: a.decision === 'passed' || a.decision === 'needs_revision' ? a.decision : null,
    evidence: (a.evidence as StoredEvidence[]).map((e) => ({
      part: e.part,
      html: e.text ? renderMarkdown(e.text) : null,
      link: e.link,
      file: e.file ? { href: earningPaths.evidenceFile(e.file.id), name: e.file.name } : null,
    })),
    rubric: a.rubric as Rubric,
  };
}

function EvidenceColumn({ evidence }: { evidence: EvidenceShown[] }) {
  const { t } = useT();
  return (
    <section class="card">
      <h2>{t('earning.reviews.evidence')}</h2>
      {evidence.map((e) => (
        <div>
          <h3>{t('earning.evidence.partNumber', { number: e.part + 1 })}</h3>
          {e.html && <div class="card">{raw(e.html)}</div>}
          {e.link && (
            <p>
              <a href={e.link} rel="noopener noreferrer" target="_blank">
                {e.link}
              </a>
            </p>
          )}
          {e.file && (
            <p>
              <a href={e.file.href}>{e.file.name}</a>
            </p>
          )}
        </div>
      ))}
    </section>
  );
}

function CriterionField({
  criterion,
  rubric,
  form,
}: {
  criterion: Rubric['criteria'][number];
  rubric: Rubric;
  form: FormState;
}) {
  const cr = criterion;
  const { t } = useT();
  return (
    <fieldset class="checks">
      <legend>{cr.name}</legend>
      {form.errors[`scores.${cr.id}`] && <p class="error-text">{form.errors[`scores.${cr.id}`]}</p>}
      {rubric.levels.map((l) => (
        <label for={`s-${cr.id}-${l.id}`}>
          <input
            id={`s-${cr.id}-${l.id}`}
            type="radio"
            name={`score_${cr.id}`}
            value={l.id}
            checked={form.values[`score_${cr.id}`] === l.id}
          />{' '}
          {l.name}: {cr.descriptors[l.id]}
          {cr.passingLevel === l.id ? ` ${t('earning.reviews.passingLevel')}` : ''}
        </label>
      ))}
      <label for={`fb-${cr.id}`}>{t('earning.reviews.feedbackOn', { criterion: cr.name })}</label>
      <textarea id={`fb-${cr.id}`} name={`feedback_${cr.id}`} rows={2}>
        {form.values[`feedback_${cr.id}`] ?? ''}
      </textarea>
    </fieldset>
  );
}

function DecisionField({ form }: { form: FormState }) {
  const { t } = useT();
  const choice = (id: string, value: string, label: string) => (
    <label for={id}>
      <input id={id} type="radio" name="decision" value={value} checked={form.values.decision === value} />{' '}
      {label}
    </label>
  );
  return (
    <fieldset>
      <legend>{t('earning.reviews.decision')}</legend>
      {form.errors.decision && <p class="error-text">{form.errors.decision}</p>}
      {choice('d-pass', 'passed', t('earning.reviews.pass'))}{' '}
      {choice('d-revise', 'needs_revision', t('earning.reviews.needsRevision'))}
    </fieldset>
  );
}

export function ReviewView({
  model,
  form,
  csrfToken,
}: {
  model: ReviewModel;
  form: FormState;
  csrfToken: string;
}) {
  const { t } = useT();
  return (
    <>
      <p class="muted">
        <a href={earningPaths.reviews()}>{t('earning.reviews.queueTitle')}</a>
      </p>
      <h1>{t('earning.reviews.heading', { title: model.title, number: model.attempt })}</h1>
      {model.startAction && (
        <form method="post" action={model.startAction} class="inline">
          <CsrfField token={csrfToken} />
          <button type="submit" class="secondary">
            {t('earning.reviews.start')}
          </button>
        </form>
      )}
      <div class="grid-2">
        <EvidenceColumn evidence={model.evidence} />
        <section class="card">
          <h2>{t('earning.reviews.rubric')}</h2>
          {model.decided ? (
            <p>
              {model.decided === 'passed'
                ? t('earning.reviews.reviewedPass')
                : t('earning.reviews.reviewedRevision')}
            </p>
          ) : (
            <form method="post" action={model.action} class="stack wide">
              <CsrfField token={csrfToken} />
              <ErrorSummary form={form} />
              {model.rubric.criteria.map((cr) => (
                <CriterionField criterion={cr} rubric={model.rubric} form={form} />
              ))}
              <label for="f-overall">{t('earning.reviews.overall')}</label>
              <textarea id="f-overall" name="overallFeedback" rows={3}>
                {form.values.overallFeedback ?? ''}
              </textarea>
              {form.errors.overallFeedback && <p class="error-text">{form.errors.overallFeedback}</p>}
              <DecisionField form={form} />
              <button type="submit">{t('earning.reviews.record')}</button>
            </form>
          )}
        </section>
      </div>
    </>
  );
}

/** The review form's fields as the command's input: `score_<criterion>` and `feedback_<criterion>`. */
export function reviewFromForm(fields: Record<string, string | string[]>) {
  const scores: Record<string, string> = {};
  const feedback: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v !== 'string') continue;
    if (k.startsWith('score_')) scores[k.slice(6)] = v;
    if (k.startsWith('feedback_') && v.trim()) feedback[k.slice(9)] = v;
  }
  return { scores, feedback, overallFeedback: fields.overallFeedback, decision: fields.decision };
}

type C = Context<AppEnv>;
const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
const reviewParams = z.object({ id: publicIdParam });

/** `/reviews`: peer reviewers' queue and reviews. */
export function peerReviewRoutes() {
  const r = new Hono<AppEnv>();
  const show = async (c: C, form: FormState = emptyForm, status: ContentfulStatusCode = 200) => {
    const { id } = routeParams(c, reviewParams);
    const model = await loadReview(c.var.deps.db, actor(c).userId, id);
    return page(
      c,
      requestTranslator(c).t('earning.reviews.title', { title: model.title }),
      <ReviewView model={model} form={form} csrfToken={c.var.csrfToken} />,
      status,
    );
  };
  r.get('/reviews', async (c) => {
    const model = await loadReviewerQueue(c.var.deps.db, actor(c).userId);
    return page(c, requestTranslator(c).t('earning.reviews.queueTitle'), <ReviewerQueueView model={model} />);
  });
  r.get('/reviews/:id', (c) => show(c));
  r.post('/reviews/:id/start', async (c) => {
    const { id } = routeParams(c, reviewParams);
    await startReview(c.var.deps, { actor: actor(c), attempt: id });
    return redirectWith(
      c,
      earningPaths.review(id),
      'info',
      requestTranslator(c).t('earning.flash.reviewStarted'),
    );
  });
  r.post('/reviews/:id', async (c) => {
    const { id } = routeParams(c, reviewParams);
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await reviewAttempt(c.var.deps, { ...reviewFromForm(fields), actor: actor(c), attempt: id });
        return redirectWith(
          c,
          earningPaths.reviews(),
          'success',
          requestTranslator(c).t('earning.flash.reviewRecorded'),
        );
      },
      (form, status) => show(c, form, status),
    );
  });
  return r;
}
