import { Hono, type Context } from 'hono';
import { conflict, notFound } from '../../../domain/errors.ts';
import { DAY } from '../../../domain/clock.ts';
import { requireMember } from '../../accounts/index.ts';
import { earningStats, statsCsv } from '../queries/earningAnalytics.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { CsrfField } from '../../../web/forms.tsx';
import { page, redirectWith, formFields } from '../../../web/render.tsx';

type C = Context<AppEnv>;
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);

/** Issuer staff: the review queue with SLA status and reassignment, and per micro-credential analytics (charts and CSV). */
export function issuerEarningRoutes() {
  const r = new Hono<AppEnv>();
  const staff = (c: C) =>
    requireMember(
      c.var.deps.db,
      c.req.param('slug') ?? '',
      requireViewer(c.var.viewer).user_id,
      'applications.read',
    );

  r.get('/orgs/:slug/review-queue', async (c) => {
    const { organisation } = await staff(c);
    const { db, clock, config } = c.var.deps;
    const mcFilter = c.req.query('mc') || undefined;
    let q = db
      .selectFrom('attempts as a')
      .innerJoin('applications as p', 'p.id', 'a.application_id')
      .innerJoin('micro_credentials as m', 'm.id', 'p.micro_credential_id')
      .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
      .leftJoin('users as u', 'u.id', 'a.reviewer_user_id')
      .select([
        'a.public_id',
        'a.number',
        'a.submitted_at',
        'a.assigned_at',
        'v.title',
        'm.public_id as mc',
        'u.name as reviewer',
      ])
      .where('p.organisation_id', '=', organisation.id)
      .where('a.decision', 'is', null)
      .where('v.earning_mode', '!=', 'proof_of_completion') // decided by staff under “Proof & fees”
      .orderBy('a.submitted_at');
    if (mcFilter) q = q.where('m.public_id', '=', mcFilter);
    const [rows, reviewers, mcs] = await Promise.all([
      q.execute(),
      db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.public_id', 'u.name'])
        .where('m.organisation_id', '=', organisation.id)
        .where(({ eb, val }) => eb(val('reviewer'), '=', eb.fn.any('m.roles')))
        .orderBy('u.name')
        .execute(),
      db
        .selectFrom('micro_credentials as m')
        .innerJoin('catalog_entries as e', 'e.micro_credential_id', 'm.id')
        .select(['m.public_id', 'e.title'])
        .where('m.organisation_id', '=', organisation.id)
        .orderBy('e.title')
        .execute(),
    ]);
    const now = clock.now().getTime();
    return page(
      c,
      'Review queue',
      <>
        <h1>Review queue of {organisation.name}</h1>
        <form method="get" class="card">
          <label for="f-mc">Micro-credential</label>{' '}
          <select id="f-mc" name="mc">
            <option value="">All</option>
            {mcs.map((m) => (
              <option value={m.public_id} selected={m.public_id === mcFilter}>
                {m.title}
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
              <th scope="col">SLA ({config.reviewTurnaroundDays} days)</th>
              <th scope="col">Reviewer</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => {
              const days = Math.floor((now - a.submitted_at.getTime()) / DAY);
              const overdue = days >= config.reviewTurnaroundDays;
              return (
                <tr>
                  <td>
                    {a.title} — attempt {a.number}
                  </td>
                  <td>{days} days</td>
                  <td>
                    {overdue ? (
                      <span class="tag" style="background:#fbeaea">
                        Overdue
                      </span>
                    ) : (
                      <span class="tag">On time</span>
                    )}
                  </td>
                  <td>
                    <form
                      method="post"
                      action={`/orgs/${organisation.slug}/review-queue/${a.public_id}/assign`}
                      class="inline"
                    >
                      <CsrfField token={c.var.csrfToken} />
                      <label for={`r-${a.public_id}`} class="visually-hidden">
                        Reviewer
                      </label>
                      <select id={`r-${a.public_id}`} name="reviewer">
                        {reviewers.map((rv) => (
                          <option value={rv.public_id} selected={rv.name === a.reviewer}>
                            {rv.name}
                          </option>
                        ))}
                      </select>{' '}
                      <button type="submit" class="secondary">
                        Assign
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </>,
    );
  });

  r.post('/orgs/:slug/review-queue/:attempt/assign', async (c) => {
    const { organisation } = await staff(c);
    const { db, clock } = c.var.deps;
    const fields = await formFields(c);
    const attempt = await db
      .selectFrom('attempts as a')
      .innerJoin('applications as p', 'p.id', 'a.application_id')
      .select(['a.id', 'a.decision', 'p.earner_user_id', 'p.public_id'])
      .where('a.public_id', '=', c.req.param('attempt'))
      .where('p.organisation_id', '=', organisation.id)
      .executeTakeFirst();
    if (!attempt) throw notFound('That submission');
    if (attempt.decision) throw conflict('That submission has been reviewed already.');
    const reviewer = await db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id'])
      .where('m.organisation_id', '=', organisation.id)
      .where('u.public_id', '=', typeof fields.reviewer === 'string' ? fields.reviewer : '')
      .where(({ eb, val }) => eb(val('reviewer'), '=', eb.fn.any('m.roles')))
      .executeTakeFirst();
    if (!reviewer || reviewer.id === attempt.earner_user_id)
      return redirectWith(
        c,
        `/orgs/${organisation.slug}/review-queue`,
        'error',
        'Choose a reviewer of this organisation other than the earner.',
      );
    await db
      .updateTable('attempts')
      .set({ reviewer_user_id: reviewer.id, assigned_at: clock.now() })
      .where('id', '=', attempt.id)
      .execute();
    await recordAudit(
      db,
      {
        organisationId: organisation.id,
        actorUserId: requireViewer(c.var.viewer).user_id,
        action: 'review.reassigned',
        subjectType: 'application',
        subjectId: attempt.public_id,
        data: { to: reviewer.id },
        ip: c.var.ip,
      },
      clock.now(),
    );
    return redirectWith(c, `/orgs/${organisation.slug}/review-queue`, 'success', 'Reviewer assigned.');
  });

  r.get('/orgs/:slug/analytics', async (c) => {
    const { organisation } = await staff(c);
    const stats = await earningStats(c.var.deps.db, organisation.id);
    const max = Math.max(1, ...stats.map((s) => s.applications));
    return page(
      c,
      'Analytics',
      <>
        <h1>Earning analytics of {organisation.name}</h1>
        <p>
          <a href={`/orgs/${organisation.slug}/analytics.csv`}>Download as CSV</a>
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Micro-credential</th>
              <th scope="col">Applications</th>
              <th scope="col">Submissions</th>
              <th scope="col">First-time pass rate</th>
              <th scope="col">Mean attempts to pass</th>
              <th scope="col">Review turnaround (median / p90 h)</th>
              <th scope="col">Expired</th>
            </tr>
          </thead>
          <tbody>
            {stats.map((s) => (
              <tr>
                <td>{s.title}</td>
                <td>
                  <div
                    role="img"
                    aria-label={`${s.applications} applications`}
                    style={`background:#1f5f8b;height:10px;width:${Math.round((s.applications / max) * 120)}px`}
                  />{' '}
                  {s.applications}
                </td>
                <td>{s.submissions}</td>
                <td>
                  <div
                    role="img"
                    aria-label={`first-time pass rate ${pct(s.firstTimePassRate)}`}
                    style={`background:#1c6b3a;height:10px;width:${Math.round((s.firstTimePassRate ?? 0) * 120)}px`}
                  />{' '}
                  {pct(s.firstTimePassRate)}
                </td>
                <td>{s.meanAttemptsToPass ?? '—'}</td>
                <td>
                  {s.turnaroundMedianHours ?? '—'} / {s.turnaroundP90Hours ?? '—'}
                </td>
                <td>{s.expired}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
    );
  });
  r.get('/orgs/:slug/analytics.csv', async (c) => {
    const { organisation } = await staff(c);
    const csv = statsCsv(await earningStats(c.var.deps.db, organisation.id));
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${organisation.slug}-analytics.csv"`,
    });
  });
  return r;
}
