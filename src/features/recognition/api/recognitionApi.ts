import { Hono, type Context } from 'hono';
import { can } from '../../../domain/roles.ts';
import { requireMember } from '../../accounts/index.ts';
import { createProgram, requireRecognizer, updateProgram } from '../commands/recognitionPrograms.ts';
import {
  approveSubmission,
  commentOnSubmission,
  loadSubmission,
  rejectSubmission,
  requestChanges,
  submissionQuery,
  submissionThread,
  submitForRecognition,
  withdrawSubmission,
  type SubmissionView,
} from '../commands/programSubmissions.ts';
import { endorseSubmission } from '../commands/endorseProgramSubmission.ts';
import type { SubmissionStatus } from '../../../storage/schema.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { jsonBody } from '../../../http/jsonBody.ts';

function presentSubmission(s: SubmissionView) {
  return {
    id: s.public_id,
    status: s.status,
    program: { id: s.program_public_id, name: s.program_name, licenseName: s.license_name },
    issuer: { slug: s.issuer_slug, name: s.issuer_name },
    recognizer: { slug: s.recognizer_slug, name: s.recognizer_name },
    subject: {
      kind: s.subject_kind,
      title: s.title,
      microCredential: s.mc_public_id,
      version: s.micro_credential_version,
    },
    statement: s.statement,
    hoursGranted: s.hours_granted,
    endsOn: s.ends_on,
    submittedAt: s.created_at.toISOString(),
    decidedAt: s.decided_at?.toISOString() ?? null,
  };
}

const STATUSES: SubmissionStatus[] = [
  'submitted',
  'changes_requested',
  'approved',
  'rejected',
  'withdrawn',
  'superseded',
];

/** Recognition programs and submissions over JSON (the same commands as the pages). */
export function recognitionApiRoutes() {
  const r = new Hono<AppEnv>();
  const actor = (c: Context<AppEnv>) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
  const base = '/api/v1/orgs/:slug/recognition';

  r.get(`${base}/programs`, async (c) => {
    const organisation = await requireRecognizer(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
      'recognition.read',
    );
    const rows = await c.var.deps.db
      .selectFrom('recognition_programs')
      .selectAll()
      .where('organisation_id', '=', organisation.id)
      .orderBy('name')
      .execute();
    return c.json({
      programs: rows.map((p) => ({
        id: p.public_id,
        name: p.name,
        licenseName: p.license_name,
        description: p.description,
        cycleYears: p.cycle_years,
        hoursRequired: Number(p.hours_required),
        unitRule: p.unit_rule,
        fixedHours: p.fixed_hours === null ? null : Number(p.fixed_hours),
        capHoursPerCycle: p.cap_hours_per_cycle === null ? null : Number(p.cap_hours_per_cycle),
        posting: p.posting,
        archived: p.archived_at !== null,
      })),
    });
  });
  r.post(`${base}/programs`, async (c) =>
    c.json(await createProgram(c.var.deps, actor(c), c.req.param('slug'), await jsonBody(c)), 201),
  );
  r.put(`${base}/programs/:id`, async (c) => {
    await updateProgram(c.var.deps, actor(c), c.req.param('slug'), c.req.param('id'), await jsonBody(c));
    return c.json({ ok: true });
  });

  // Submissions the organisation sent (as issuer) and received (as recognizer), as its roles allow.
  r.get(`${base}/submissions`, async (c) => {
    const { organisation, membership } = await requireMember(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
    );
    const sides: Array<'issuer' | 'recognizer'> = [];
    if (can(membership.roles, 'recognition.submit') && organisation.kind !== 'recognizer')
      sides.push('issuer');
    if (can(membership.roles, 'recognition.read') && organisation.kind !== 'issuer') sides.push('recognizer');
    if (!sides.length) return c.json({ submissions: [] });
    const status = c.req.query('status');
    let q = submissionQuery(c.var.deps.db).where((eb) =>
      eb.or(
        sides.map((side) =>
          side === 'issuer'
            ? eb('s.issuer_organisation_id', '=', organisation.id)
            : eb('p.organisation_id', '=', organisation.id),
        ),
      ),
    );
    if (status && STATUSES.includes(status as SubmissionStatus))
      q = q.where('s.status', '=', status as SubmissionStatus);
    const rows = (await q.orderBy('s.created_at', 'desc').limit(500).execute()) as SubmissionView[];
    return c.json({
      submissions: rows.map((s) =>
        presentSubmission({ ...s, hours_granted: s.hours_granted === null ? null : Number(s.hours_granted) }),
      ),
    });
  });
  r.post(`${base}/submissions`, async (c) =>
    c.json(await submitForRecognition(c.var.deps, actor(c), c.req.param('slug'), await jsonBody(c)), 201),
  );
  r.get(`${base}/submissions/:id`, async (c) => {
    const { submission, side } = await loadSubmission(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
      c.req.param('id'),
    );
    const thread = await submissionThread(c.var.deps.db, submission.id);
    return c.json({
      ...presentSubmission(submission),
      side,
      thread: thread.map((t) => ({
        kind: t.kind,
        side: t.author_side,
        author: t.author_name,
        body: t.body,
        at: t.created_at.toISOString(),
      })),
    });
  });
  const step = (path: string, run: (c: Context<AppEnv>, input: unknown) => Promise<unknown>) =>
    r.post(`${base}/submissions/:id/${path}`, async (c) => {
      const result = await run(c, await jsonBody(c));
      return c.json(result && typeof result === 'object' ? result : { ok: true });
    });
  step('comment', (c, input) =>
    commentOnSubmission(c.var.deps, actor(c), c.req.param('slug') ?? '', c.req.param('id') ?? '', input),
  );
  step('request-changes', (c, input) =>
    requestChanges(c.var.deps, actor(c), c.req.param('slug') ?? '', c.req.param('id') ?? '', input),
  );
  step('approve', (c, input) =>
    approveSubmission(c.var.deps, actor(c), c.req.param('slug') ?? '', c.req.param('id') ?? '', input),
  );
  step('reject', (c, input) =>
    rejectSubmission(c.var.deps, actor(c), c.req.param('slug') ?? '', c.req.param('id') ?? '', input),
  );
  step('withdraw', (c, input) =>
    withdrawSubmission(c.var.deps, actor(c), c.req.param('slug') ?? '', c.req.param('id') ?? '', input),
  );
  step('endorse', async (c, input) => {
    const { publicId, credential } = await endorseSubmission(
      c.var.deps,
      actor(c),
      c.req.param('slug') ?? '',
      c.req.param('id') ?? '',
      input,
    );
    return { id: publicId, credential };
  });
  return r;
}
