import {
  applicationRecord,
  earnersApplication,
  earnersApplicationIds,
  organisationApplicationId,
} from '../queries/applications.ts';
import { credentialDocumentFor } from '../queries/credentialDocuments.ts';
import { organisationTeams } from '../teams/queries.ts';
import { Hono, type Context } from 'hono';
import { applyForMicroCredential, withdrawApplication } from '../commands/applyForMicroCredential.ts';
import { saveEvidence, submitApplication } from '../commands/submitEvidence.ts';
import { reviewAttempt } from '../commands/reviewAttempt.ts';
import { assignedAttempt, reviewQueue } from '../queries/peerReview.ts';
import { fieldsOf } from '../commands/commandCall.ts';
import { requireActor } from '../../accounts/index.ts';
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
import type { Action } from '../../../domain/roles.ts';
import { apiCaller } from '../../../http/apiTokens.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { z } from 'zod';

const DAY_MS = 86_400_000;

/** An application as its earner sees it: status, deadline, evidence draft and every attempt with its feedback. */
async function presentApplication(db: Queryable, appId: number, now: Date) {
  const { credential, base, evidence, attempts } = await applicationRecord(db, appId);
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
    credential,
  };
}

/** A person acting for themselves (an earner, a reviewer): a session only. */
const actor = (c: Context<AppEnv>) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

const inOrg = z.object({ slug: slugParam });
const byId = z.object({ id: publicIdParam });
/** The public id the path names (`:id`): an application, micro-credential, attempt, team, credential. */
const idIn = (c: Context<AppEnv>) => routeParams(c, byId).id;
const onPart = byId.extend({ part: z.coerce.number().int().min(0).max(999) });
const byToken = z.object({ token: z.string().min(1).max(400) });
/** The organisation in the path, when the caller (a member, or its API token) may perform the action there. */
const staffOrganisation = async (c: Context<AppEnv>, action: Action) =>
  (await requireActor(c.var.deps.db, routeParams(c, inOrg).slug, await apiCaller(c), action)).organisation;

/** The earning loop over JSON: apply, evidence, submit; reviewers' queue and reviews; issuers' view. */
export function earningApiRoutes() {
  const r = new Hono<AppEnv>();
  earnerApiRoutes(r);
  reviewerApiRoutes(r);
  teamApiRoutes(r);
  issuerApiRoutes(r);
  return r;
}

/** The earner's side: apply, their applications and evidence, submit, withdraw; their credential documents. */
function earnerApiRoutes(r: Hono<AppEnv>) {
  r.post('/api/v1/micro-credentials/:id/apply', async (c) => {
    const id = idIn(c);
    return c.json(
      await applyForMicroCredential(c.var.deps, {
        ...fieldsOf(await c.req.json().catch(() => ({}))),
        actor: actor(c),
        microCredential: id,
      }),
      201,
    );
  });
  r.get('/api/v1/applications', async (c) => {
    const { db, clock } = c.var.deps;
    const ids = await earnersApplicationIds(db, actor(c).userId);
    return c.json({
      applications: await Promise.all(ids.map((id) => presentApplication(db, id, clock.now()))),
    });
  });
  r.get('/api/v1/applications/:id', async (c) => {
    const app = await earnersApplication(c.var.deps.db, actor(c).userId, idIn(c));
    return c.json(await presentApplication(c.var.deps.db, app.id, c.var.deps.clock.now()));
  });
  r.put('/api/v1/applications/:id/evidence/:part', async (c) => {
    const { id, part } = routeParams(c, onPart);
    await saveEvidence(c.var.deps, {
      ...fieldsOf(await jsonBody(c)),
      actor: actor(c),
      application: id,
      part,
    });
    return c.json({ ok: true });
  });
  r.post('/api/v1/applications/:id/withdraw', async (c) => {
    await withdrawApplication(c.var.deps, { actor: actor(c), application: idIn(c) });
    return c.json({ ok: true });
  });
  r.post('/api/v1/applications/:id/submit', async (c) =>
    c.json(await submitApplication(c.var.deps, { actor: actor(c), application: idIn(c) })),
  );
  // A credential's signed document, exactly as issued, for its recipient (any confirmed address) or the issuer's staff.
  r.get('/api/v1/credentials/:id', async (c) => {
    const id = idIn(c);
    const document = await credentialDocumentFor(c.var.deps.db, actor(c).userId, id);
    return c.body(document, 200, {
      'Content-Type': 'application/vc+ld+json',
      'Content-Disposition': `attachment; filename="${id}.json"`,
    });
  });
}

/** Reviewers: their queue, reviews, second reviews and calibration. */
function reviewerApiRoutes(r: Hono<AppEnv>) {
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
    const a = await assignedAttempt(c.var.deps.db, actor(c).userId, idIn(c));
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
      attempt: idIn(c),
    });
    return c.json({ ok: true });
  });
  r.post('/api/v1/orgs/:slug/attempts/:attempt/second-review', async (c) => {
    const { slug, attempt } = routeParams(c, inOrg.extend({ attempt: publicIdParam }));
    const who = await apiCaller(c);
    return c.json(await requestSecondReview(c.var.deps, { actor: who, orgSlug: slug, attempt }), 201);
  });
  r.get('/api/v1/second-reviews/:id', async (c) => {
    const s = await assignedSecondReview(c.var.deps.db, actor(c).userId, idIn(c));
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
        secondReview: idIn(c),
      }),
    ),
  );
  r.get('/api/v1/orgs/:slug/calibration', async (c) => {
    const organisation = await staffOrganisation(c, 'applications.read');
    return c.json(await calibrationAgreement(c.var.deps.db, organisation.id));
  });
}

/** Teams: create, invite, join, read; issuers see the teams working on their micro-credentials. */
function teamApiRoutes(r: Hono<AppEnv>) {
  r.post('/api/v1/teams', async (c) =>
    c.json(await createTeam(c.var.deps, { ...fieldsOf(await jsonBody(c)), actor: actor(c) }), 201),
  );
  r.post('/api/v1/teams/:id/invitations', async (c) => {
    await inviteToTeam(c.var.deps, {
      ...fieldsOf(await jsonBody(c)),
      actor: actor(c),
      team: idIn(c),
    });
    return c.json({ ok: true }, 201);
  });
  r.post('/api/v1/teams/join/:token', async (c) =>
    c.json(await joinTeam(c.var.deps, { actor: actor(c), token: routeParams(c, byToken).token })),
  );
  r.get('/api/v1/teams/:id', async (c) =>
    c.json(await teamProgress(c.var.deps.db, actor(c).userId, idIn(c))),
  );
  // Issuers see the teams working on their micro-credentials (names and sizes).
  r.get('/api/v1/orgs/:slug/teams', async (c) => {
    const organisation = await staffOrganisation(c, 'applications.read');
    const rows = await organisationTeams(c.var.deps.db, organisation.id);
    return c.json({
      teams: rows.map((t) => ({ id: t.public_id, name: t.name, members: Number(t.members) })),
    });
  });
}

/** Issuer staff: record outcomes, and read their organisation's applications with evidence. */
function issuerApiRoutes(r: Hono<AppEnv>) {
  // Staff record outcomes for the other earning modes (assessment, attendance, course completion).
  r.post('/api/v1/orgs/:slug/micro-credentials/:id/outcomes', async (c) => {
    const { slug, id } = routeParams(c, inOrg.extend({ id: publicIdParam }));
    const who = await apiCaller(c);
    const result = await recordOutcome(c.var.deps, {
      ...fieldsOf(await jsonBody(c)),
      actor: who,
      orgSlug: slug,
      microCredential: id,
    });
    return 'publicId' in result
      ? c.json({ issued: true, credential: result.publicId }, 201)
      : c.json(result, 200);
  });

  // Issuer staff see their organisation's applications, evidence included.
  r.get('/api/v1/orgs/:slug/applications/:id', async (c) => {
    const organisation = await staffOrganisation(c, 'applications.read');
    const { id } = routeParams(c, inOrg.extend({ id: publicIdParam }));
    const appId = await organisationApplicationId(c.var.deps.db, organisation.id, id);
    return c.json(await presentApplication(c.var.deps.db, appId, c.var.deps.clock.now()));
  });
}
