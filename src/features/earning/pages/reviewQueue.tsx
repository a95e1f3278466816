import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DAY } from '../../../domain/clock.ts';
import { requireMember } from '../../accounts/index.ts';
import type { Queryable } from '../../../storage/database.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
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

export interface ReviewQueueModel {
  organisation: { slug: string; name: string };
  turnaroundDays: number;
  filter: { selected: string | undefined; choices: Array<{ value: string; label: string }> };
  reviewers: Array<{ value: string; label: string }>;
  submissions: Array<{
    publicId: string;
    label: string;
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
        label: `${a.title} — attempt ${a.number}`,
        waitingDays,
        overdue: waitingDays >= turnaroundDays,
        reviewer: a.reviewer,
        assignAction: earningPaths.reassignReviewer(organisation.slug, a.public_id),
      };
    }),
  };
}

export function ReviewQueueView({ model, csrfToken }: { model: ReviewQueueModel; csrfToken: string }) {
  return (
    <>
      <h1>Review queue of {model.organisation.name}</h1>
      <form method="get" class="card">
        <label for="f-mc">Micro-credential</label>{' '}
        <select id="f-mc" name="mc">
          <option value="">All</option>
          {model.filter.choices.map((m) => (
            <option value={m.value} selected={m.value === model.filter.selected}>
              {m.label}
            </option>
          ))}
        </select>{' '}
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">Submission</th>
            <th scope="col">Waiting</th>
            <th scope="col">SLA ({model.turnaroundDays} days)</th>
            <th scope="col">Reviewer</th>
          </tr>
        </thead>
        <tbody>
          {model.submissions.map((a) => (
            <tr>
              <td>{a.label}</td>
              <td>{a.waitingDays} days</td>
              <td>
                {a.overdue ? <span class="chip bad">Overdue</span> : <span class="chip ok">On time</span>}
              </td>
              <td>
                <form method="post" action={a.assignAction} class="inline">
                  <CsrfField token={csrfToken} />
                  <label for={`r-${a.publicId}`} class="visually-hidden">
                    Reviewer
                  </label>
                  <select id={`r-${a.publicId}`} name="reviewer">
                    {model.reviewers.map((rv) => (
                      <option value={rv.value} selected={rv.value === a.reviewer}>
                        {rv.label}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" class="secondary">
                    Assign
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

const queueParams = z.object({ slug: z.string(), attempt: z.string().default('') });
const actor = (c: Context<AppEnv>) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

/** `/orgs/:slug/review-queue`: issuer staff see waiting submissions and reassign their reviewers. */
export function reviewQueueRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/review-queue', async (c) => {
    const { slug } = queueParams.parse(c.req.param());
    const model = await loadReviewQueue(c.var.deps.db, {
      userId: actor(c).userId,
      orgSlug: slug,
      mc: c.req.query('mc') || undefined,
      now: c.var.deps.clock.now(),
      turnaroundDays: c.var.deps.config.reviewTurnaroundDays,
    });
    return page(c, 'Review queue', <ReviewQueueView model={model} csrfToken={c.var.csrfToken} />);
  });
  r.post('/orgs/:slug/review-queue/:attempt/assign', async (c) => {
    const { slug, attempt } = queueParams.parse(c.req.param());
    const fields = await formFields(c);
    const back = earningPaths.reviewQueue(slug);
    try {
      await reassignReviewer(c.var.deps, {
        actor: actor(c),
        orgSlug: slug,
        attempt,
        reviewer: fields.reviewer,
      });
      return redirectWith(c, back, 'success', 'Reviewer assigned.');
    } catch (err) {
      // A problem with this submission or the chosen reviewer goes back to the queue as a message;
      // who may reassign at all is the command's answer, and stays a 403 / 404.
      if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed'))
        return redirectWith(c, back, 'error', err.message || 'The reviewer could not be assigned.');
      throw err;
    }
  });
  return r;
}
