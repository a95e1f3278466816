import { earnersApplication } from '../queries/applications.ts';
import { Hono, type Context } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { applyForMicroCredential, withdrawApplication } from '../commands/applyForMicroCredential.ts';
import { saveEvidence, submitApplication } from '../commands/submitEvidence.ts';
import { reviewAttempt } from '../commands/reviewAttempt.ts';
import { assignedAttempt, reviewQueue } from '../queries/peerReview.ts';
import { fieldsOf } from '../commands/commandCall.ts';
import { requireMember } from '../../accounts/index.ts';
import { recordOutcome } from '../commands/recordOutcome.ts';
import { createTeam, inviteToTeam, joinTeam, teamProgress } from '../teams/teams.ts';
import {
  assignedSecondReview,
  calibrationAgreement,
  requestSecondReview,
  submitSecondReview,
} from '../commands/calibration.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { jsonBody } from '../../../http/jsonBody.ts';
import type { Queryable } from '../../../storage/database.ts';

const DAY_MS = 86_400_000;

/** An application as its earner sees it: status, deadline, evidence draft and every attempt with its feedback. */
async function presentApplication(db: Queryable, appId: number, now: Date) {
  const app = await db
    .selectFrom('applications as p')
    .innerJoin('credentials as c', 'c.id', 'p.credential_id')
    .select(['c.public_id as credential'])
    .where('p.id', '=', appId)
    .executeTakeFirst();
  const base = await db
    .selectFrom('applications as p')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .select([
      'p.public_id',
      'p.status',
      'p.deadline_at',
      'p.attempts',
      'v.title',
      'v.version',
      'v.evidence_parts',
      'v.rubric',
    ])
    .where('p.id', '=', appId)
    .executeTakeFirstOrThrow();
  const [evidence, attempts] = await Promise.all([
    db
      .selectFrom('evidence_items')
      .selectAll()
      .where('application_id', '=', appId)
      .orderBy('part_index')
      .execute(),
    db
      .selectFrom('attempts')
      .select(['number', 'submitted_at', 'decision', 'scores', 'feedback', 'overall_feedback', 'reviewed_at'])
      .where('application_id', '=', appId)
      .orderBy('number')
      .execute(),
  ]);
  return {
    id: base.public_id,
    title: base.title,
    version: base.version,
    status: base.status,
    deadline: base.deadline_at.toISOString(),
    daysLeft: Math.max(0, Math.ceil((base.deadline_at.getTime() - now.getTime()) / DAY_MS)),
    attempts: base.attempts,
    evidenceParts: base.evidence_parts,
    evidence: evidence.map((e) => ({
      part: e.part_index,
      kind: e.kind,
      text: e.text_value,
      link: e.link_url,
    })),
    history: attempts.map((a) => ({
      attempt: a.number,
      submittedAt: a.submitted_at.toISOString(),
      decision: a.decision,
      scores: a.scores,
      feedback: a.feedback,
      overallFeedback: a.overall_feedback,
      reviewedAt: a.reviewed_at?.toISOString() ?? null,
    })),
    credential: app?.credential ?? null,
  };
}

/** The earning loop over JSON: apply, evidence, submit; reviewers' queue and reviews; issuers' view. */
export function earningApiRoutes() {
  const r = new Hono<AppEnv>();
  const actor = (c: Context<AppEnv>) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

  r.post('/api/v1/micro-credentials/:id/apply', async (c) =>
    c.json(
      await applyForMicroCredential(c.var.deps, {
        ...fieldsOf(await c.req.json().catch(() => ({}))),
        actor: actor(c),
        microCredential: c.req.param('id'),
      }),
      201,
    ),
  );
  r.get('/api/v1/applications', async (c) => {
    const { db, clock } = c.var.deps;
    const rows = await db
      .selectFrom('applications')
      .select('id')
      .where('earner_user_id', '=', actor(c).userId)
      .orderBy('id', 'desc')
      .execute();
    return c.json({
      applications: await Promise.all(rows.map((r) => presentApplication(db, r.id, clock.now()))),
    });
  });
  r.get('/api/v1/applications/:id', async (c) => {
    const app = await earnersApplication(c.var.deps.db, actor(c).userId, c.req.param('id'));
    return c.json(await presentApplication(c.var.deps.db, app.id, c.var.deps.clock.now()));
  });
  r.put('/api/v1/applications/:id/evidence/:part', async (c) => {
    await saveEvidence(c.var.deps, {
      ...fieldsOf(await jsonBody(c)),
      actor: actor(c),
      application: c.req.param('id'),
      part: Number(c.req.param('part')),
    });
    return c.json({ ok: true });
  });
  r.post('/api/v1/applications/:id/withdraw', async (c) => {
    await withdrawApplication(c.var.deps, { actor: actor(c), application: c.req.param('id') });
    return c.json({ ok: true });
  });
  r.post('/api/v1/applications/:id/submit', async (c) =>
    c.json(await submitApplication(c.var.deps, { actor: actor(c), application: c.req.param('id') })),
  );

  r.get('/api/v1/reviews', async (c) => {
    const rows = await reviewQueue(c.var.deps.db, actor(c).userId);
    return c.json({
      queue: rows.map((r) => ({
        id: r.public_id,
        attempt: r.number,
        title: r.title,
        submittedAt: r.submitted_at.toISOString(),
      })),
    });
  });
  r.get('/api/v1/reviews/:id', async (c) => {
    const a = await assignedAttempt(c.var.deps.db, actor(c).userId, c.req.param('id'));
    return c.json({
      id: a.public_id,
      attempt: a.number,
      title: a.title,
      evidence: a.evidence,
      rubric: a.rubric,
      decided: a.decision,
    });
  });
  r.post('/api/v1/reviews/:id', async (c) => {
    await reviewAttempt(c.var.deps, {
      ...fieldsOf(await jsonBody(c)),
      actor: actor(c),
      attempt: c.req.param('id'),
    });
    return c.json({ ok: true });
  });

  // A credential's signed document, exactly as issued, for its recipient (any confirmed address) or the issuer's staff.
  r.get('/api/v1/credentials/:id', async (c) => {
    const { db } = c.var.deps;
    const viewer = requireViewer(c.var.viewer);
    const row = await db
      .selectFrom('credentials')
      .select(['document', 'recipient_email', 'organisation_id'])
      .where('public_id', '=', c.req.param('id'))
      .executeTakeFirst();
    if (!row) throw notFound('That credential');
    const mine = row.recipient_email
      ? await db
          .selectFrom('user_emails')
          .select('id')
          .where('user_id', '=', viewer.user_id)
          .where('email', '=', row.recipient_email)
          .where('confirmed_at', 'is not', null)
          .executeTakeFirst()
      : undefined;
    if (!mine)
      await requireMember(
        db,
        (
          await db
            .selectFrom('organisations')
            .select('slug')
            .where('id', '=', row.organisation_id)
            .executeTakeFirstOrThrow()
        ).slug,
        viewer.user_id,
        'applications.read',
      );
    return c.body(row.document, 200, {
      'Content-Type': 'application/vc+ld+json',
      'Content-Disposition': `attachment; filename="${c.req.param('id')}.json"`,
    });
  });

  r.post('/api/v1/teams', async (c) =>
    c.json(await createTeam(c.var.deps, { ...fieldsOf(await jsonBody(c)), actor: actor(c) }), 201),
  );
  r.post('/api/v1/teams/:id/invitations', async (c) => {
    await inviteToTeam(c.var.deps, {
      ...fieldsOf(await jsonBody(c)),
      actor: actor(c),
      team: c.req.param('id'),
    });
    return c.json({ ok: true }, 201);
  });
  r.post('/api/v1/teams/join/:token', async (c) =>
    c.json(await joinTeam(c.var.deps, { actor: actor(c), token: c.req.param('token') })),
  );
  r.get('/api/v1/teams/:id', async (c) =>
    c.json(await teamProgress(c.var.deps.db, actor(c).userId, c.req.param('id'))),
  );
  // Issuers see the teams working on their micro-credentials (names and sizes).
  r.get('/api/v1/orgs/:slug/teams', async (c) => {
    const { organisation } = await requireMember(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
      'applications.read',
    );
    const rows = await c.var.deps.db
      .selectFrom('teams as t')
      .innerJoin('team_micro_credentials as tm', 'tm.team_id', 't.id')
      .innerJoin('micro_credentials as m', 'm.id', 'tm.micro_credential_id')
      .select([
        't.public_id',
        't.name',
        (eb) =>
          eb
            .selectFrom('team_members')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('team_members.team_id', '=', 't.id')
            .as('members'),
      ])
      .where('m.organisation_id', '=', organisation.id)
      .distinct()
      .execute();
    return c.json({
      teams: rows.map((t) => ({ id: t.public_id, name: t.name, members: Number(t.members) })),
    });
  });

  r.post('/api/v1/orgs/:slug/attempts/:attempt/second-review', async (c) =>
    c.json(
      await requestSecondReview(c.var.deps, {
        actor: actor(c),
        orgSlug: c.req.param('slug'),
        attempt: c.req.param('attempt'),
      }),
      201,
    ),
  );
  r.get('/api/v1/second-reviews/:id', async (c) => {
    const s = await assignedSecondReview(c.var.deps.db, actor(c).userId, c.req.param('id'));
    return c.json({
      id: s.public_id,
      title: s.title,
      evidence: s.evidence,
      rubric: s.rubric,
      decided: s.second_decision,
    });
  });
  r.post('/api/v1/second-reviews/:id', async (c) =>
    c.json(
      await submitSecondReview(c.var.deps, {
        ...fieldsOf(await jsonBody(c)),
        actor: actor(c),
        secondReview: c.req.param('id'),
      }),
    ),
  );
  r.get('/api/v1/orgs/:slug/calibration', async (c) => {
    const { organisation } = await requireMember(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
      'applications.read',
    );
    return c.json(await calibrationAgreement(c.var.deps.db, organisation.id));
  });

  // Staff record outcomes for the other earning modes (assessment, attendance, course completion).
  r.post('/api/v1/orgs/:slug/micro-credentials/:id/outcomes', async (c) => {
    const result = await recordOutcome(c.var.deps, {
      ...fieldsOf(await jsonBody(c)),
      actor: actor(c),
      orgSlug: c.req.param('slug'),
      microCredential: c.req.param('id'),
    });
    return 'publicId' in result
      ? c.json({ issued: true, credential: result.publicId }, 201)
      : c.json(result, 200);
  });

  // Issuer staff see their organisation's applications, evidence included.
  r.get('/api/v1/orgs/:slug/applications/:id', async (c) => {
    const { organisation } = await requireMember(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
      'applications.read',
    );
    const app = await c.var.deps.db
      .selectFrom('applications')
      .select('id')
      .where('organisation_id', '=', organisation.id)
      .where('public_id', '=', c.req.param('id'))
      .executeTakeFirst();
    if (!app) throw notFound('That application');
    return c.json(await presentApplication(c.var.deps.db, app.id, c.var.deps.clock.now()));
  });
  return r;
}
