import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DAY } from '../../../domain/clock.ts';
import { requireMember } from '../../accounts/index.ts';
import type { Queryable } from '../../../storage/database.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { CsrfField } from '../../../web/forms.tsx';
import { formFields, page, redirectWith } from '../../../web/render.tsx';
import { AppError } from '../../../domain/errors.ts';
import { reassignReviewer } from '../commands/reassignReviewer.ts';
import {
  organisationMicroCredentials,
  organisationReviewers,
  waitingSubmissions,
} from '../queries/reviewQueue.ts';
import { earningPaths } from '../paths.ts';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';

export interface ReviewQueueModel {
  organisation: { slug: string; name: string };
  turnaroundDays: number;
  filter: { selected: string | undefined; choices: Array<{ value: string; label: string }> };
  reviewers: Array<{ value: string; label: string }>;
  submissions: Array<{
    publicId: string;
    title: string;
    number: number;
    waitingDays: number;
    overdue: boolean;
    /** The assigned reviewer's public id, or null. */
    reviewer: string | null;
    assignAction: string;
  }>;
}

/** Issuer staff's queue of submissions waiting for a peer review, with SLA status. */
export async function loadReviewQueue(
  db: Queryable,
  {
    userId,
    orgSlug,
    mc,
    now,
    turnaroundDays,
  }: {
    userId: number;
    orgSlug: string;
    mc: string | undefined;
    now: Date;
    turnaroundDays: number;
  },
): Promise<ReviewQueueModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'applications.read');
  const [rows, reviewers, mcs] = await Promise.all([
    waitingSubmissions(db, organisation.id, mc),
    organisationReviewers(db, organisation.id),
    organisationMicroCredentials(db, organisation.id),
  ]);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    turnaroundDays,
    filter: { selected: mc, choices: mcs.map((m) => ({ value: m.public_id, label: m.title })) },
    reviewers: reviewers.map((r) => ({ value: r.public_id, label: r.name })),
    submissions: rows.map((a) => {
      const waitingDays = Math.floor((now.getTime() - a.submitted_at.getTime()) / DAY);
      return {
        publicId: a.public_id,
        title: a.title,
        number: a.number,
        waitingDays,
        overdue: waitingDays >= turnaroundDays,
        reviewer: a.reviewer,
        assignAction: earningPaths.reassignReviewer(organisation.slug, a.public_id),
      };
    }),
  };
}

export function ReviewQueueView({ model, csrfToken }: { model: ReviewQueueModel; csrfToken: string }) {
  const { t } = useT();
  return (
    <>
      <h1>{t('earning.queue.heading', { organisation: model.organisation.name })}</h1>
      <form method="get" class="card">
        <label for="f-mc">{t('earning.queue.microCredential')}</label>{' '}
        <select id="f-mc" name="mc">
          <option value="">{t('earning.queue.all')}</option>
          {model.filter.choices.map((m) => (
            <option value={m.value} selected={m.value === model.filter.selected}>
              {m.label}
            </option>
          ))}
        </select>{' '}
        <button type="submit" class="secondary">
          {t('earning.queue.filter')}
        </button>
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('earning.queue.columns.submission')}</th>
            <th scope="col">{t('earning.queue.columns.waiting')}</th>
            <th scope="col">{t('earning.queue.sla', { count: model.turnaroundDays })}</th>
            <th scope="col">{t('earning.queue.columns.reviewer')}</th>
          </tr>
        </thead>
        <tbody>
          {model.submissions.map((a) => (
            <tr>
              <td>{t('earning.reviews.submission', { title: a.title, number: a.number })}</td>
              <td>{t('earning.queue.waitingDays', { count: a.waitingDays })}</td>
              <td>
                {a.overdue ? (
                  <span class="chip bad">{t('earning.queue.overdue')}</span>
                ) : (
                  <span class="chip ok">{t('earning.queue.onTime')}</span>
                )}
              </td>
              <td>
                <form method="post" action={a.assignAction} class="inline">
                  <CsrfField token={csrfToken} />
                  <label for={`r-${a.publicId}`} class="visually-hidden">
                    {t('earning.queue.reviewer')}
                  </label>
                  <select id={`r-${a.publicId}`} name="reviewer">
                    {model.reviewers.map((rv) => (
                      <option value={rv.value} selected={rv.value === a.reviewer}>
                        {rv.label}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" class="secondary">
                    {t('earning.queue.assign')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const queueParams = z.object({ slug: slugParam });
const assignParams = queueParams.extend({ attempt: publicIdParam });
const actor = (c: Context<AppEnv>) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

/** `/orgs/:slug/review-queue`: issuer staff see waiting submissions and reassign their reviewers. */
export function reviewQueueRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/review-queue', async (c) => {
    const { slug } = routeParams(c, queueParams);
    const model = await loadReviewQueue(c.var.deps.db, {
      userId: actor(c).userId,
      orgSlug: slug,
      mc: c.req.query('mc') || undefined,
      now: c.var.deps.clock.now(),
      turnaroundDays: c.var.deps.config.reviewTurnaroundDays,
    });
    return page(
      c,
      requestTranslator(c).t('earning.queue.title'),
      <ReviewQueueView model={model} csrfToken={c.var.csrfToken} />,
    );
  });
  r.post('/orgs/:slug/review-queue/:attempt/assign', async (c) => {
    const { slug, attempt } = routeParams(c, assignParams);
    const fields = await formFields(c);
    const back = earningPaths.reviewQueue(slug);
    try {
      await reassignReviewer(c.var.deps, {
        actor: actor(c),
        orgSlug: slug,
        attempt,
        reviewer: fields.reviewer,
      });
      return redirectWith(c, back, 'success', requestTranslator(c).t('earning.flash.reviewerAssigned'));
    } catch (err) {
      // A problem with this submission or the chosen reviewer goes back to the queue as a message;
      // who may reassign at all is the command's answer, and stays a 403 / 404.
      if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed'))
        return redirectWith(
          c,
          back,
          'error',
          err.message || requestTranslator(c).t('earning.flash.reviewerNotAssigned'),
        );
      throw err;
    }
  });
  return r;
}
