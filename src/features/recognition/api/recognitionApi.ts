import { SUBMISSION_STATUSES } from '../commands/submissionSteps.ts';
import { Hono, type Context } from 'hono';
import type { Action } from '../../../domain/roles.ts';
import { requireActor } from '../../accounts/index.ts';
import { createProgram } from '../commands/createProgram.ts';
import { requireRecognizer } from '../commands/requireRecognizer.ts';
import { updateProgram } from '../commands/updateProgram.ts';
import { approveProgramSubmission } from '../commands/approveProgramSubmission.ts';
import { commentOnProgramSubmission } from '../commands/commentOnProgramSubmission.ts';
import { loadSubmission } from '../commands/submissionAccess.ts';
import { rejectProgramSubmission } from '../commands/rejectProgramSubmission.ts';
import { requestSubmissionChanges } from '../commands/requestSubmissionChanges.ts';
import { organisationSubmissions, submissionThread, type SubmissionView } from '../queries/submissions.ts';
import { programRowsOf } from '../queries/programs.ts';
import { submitProgram } from '../commands/submitProgram.ts';
import { withdrawProgramSubmission } from '../commands/withdrawProgramSubmission.ts';
import { endorseProgramSubmission } from '../commands/endorseProgramSubmission.ts';
import type { SubmissionStatus } from '../../../storage/schema.ts';
import { apiCaller } from '../../../http/apiTokens.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { z } from 'zod';
import type { AppEnv } from '../../../http/env.ts';
import { jsonObjectBody } from '../../../http/jsonBody.ts';
import type { OrganisationActor } from '../../../domain/commands.ts';
import { DEFAULT_LOCALE, translator } from '../../../web/i18n/i18n.ts';
import { entryWords, factsOf } from '../threadEntries.ts';

const inOrg = z.object({ slug: slugParam });
const onThing = inOrg.extend({ id: publicIdParam });

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

function presentProgram(p: Awaited<ReturnType<typeof programRowsOf>>[number]) {
  return {
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
  };
}

const STATUSES: readonly SubmissionStatus[] = SUBMISSION_STATUSES;

/**
 * One entry of a submission's thread, as the API shows it: a person's words as written; an entry
 * Cairn wrote in English from the catalogue, with its facts for programs to read.
 */
const presentThreadEntry = (t: Awaited<ReturnType<typeof submissionThread>>[number]) => ({
  kind: t.kind,
  side: t.author_side,
  author: t.author_name,
  body: entryWords(translator(DEFAULT_LOCALE), t),
  facts: factsOf(t),
  at: t.created_at.toISOString(),
});

/** The sides of submissions a caller sees: sent as issuer, received as recognizer, as kind and roles (or scopes) allow. */
function sidesOf(kind: string, may: (action: Action) => boolean): Array<'issuer' | 'recognizer'> {
  const sides: Array<'issuer' | 'recognizer'> = [];
  if (may('recognition.submit') && kind !== 'recognizer') sides.push('issuer');
  if (may('recognition.read') && kind !== 'issuer') sides.push('recognizer');
  return sides;
}

/** Recognition programs and submissions over JSON (the same commands as the pages). */
export function recognitionApiRoutes() {
  const r = new Hono<AppEnv>();
  // Who acts: a member (session) or the organisation's API token, checked before any body is read.
  // The body is spread first: a body naming `actor` or `orgSlug` cannot replace who acts, or where.
  const target = async (c: Context<AppEnv>) => ({
    actor: await apiCaller(c),
    orgSlug: routeParams(c, inOrg).slug,
  });
  const withBody = async <E extends Record<string, string>>(c: Context<AppEnv>, extra: E) => {
    const at = await target(c);
    return { ...(await jsonObjectBody(c)), ...at, ...extra };
  };
  const base = '/api/v1/orgs/:slug/recognition';

  r.get(`${base}/programs`, async (c) => {
    const { actor, orgSlug } = await target(c);
    const organisation = await requireRecognizer(c.var.deps.db, orgSlug, actor, 'recognition.read');
    const rows = await programRowsOf(c.var.deps.db, organisation.id);
    return c.json({ programs: rows.map(presentProgram) });
  });
  r.post(`${base}/programs`, async (c) =>
    c.json(await createProgram(c.var.deps, await withBody(c, {})), 201),
  );
  r.put(`${base}/programs/:id`, async (c) => {
    await updateProgram(c.var.deps, await withBody(c, { program: routeParams(c, onThing).id }));
    return c.json({ ok: true });
  });

  // Submissions the organisation sent (as issuer) and received (as recognizer), as its roles (or scopes) allow.
  r.get(`${base}/submissions`, async (c) => {
    const { actor, orgSlug } = await target(c);
    const { organisation, may, require } = await requireActor(c.var.deps.db, orgSlug, actor);
    const sides = sidesOf(organisation.kind, may);
    // A member without either role sees an empty list; a token without either scope is told which it needs.
    if (actor.userId === null && sides.length === 0) require('recognition.read');
    const wanted = c.req.query('status');
    const status = STATUSES.find((s) => s === wanted) ?? null;
    const rows = await organisationSubmissions(c.var.deps.db, organisation.id, sides, status);
    return c.json({ submissions: rows.map(presentSubmission) });
  });
  r.post(`${base}/submissions`, async (c) =>
    c.json(await submitProgram(c.var.deps, await withBody(c, {})), 201),
  );
  r.get(`${base}/submissions/:id`, async (c) => {
    const { actor, orgSlug } = await target(c);
    const { submission, side } = await loadSubmission(
      c.var.deps.db,
      orgSlug,
      actor,
      routeParams(c, onThing).id,
    );
    const thread = await submissionThread(c.var.deps.db, submission.id);
    return c.json({
      ...presentSubmission(submission),
      side,
      thread: thread.map(presentThreadEntry),
    });
  });
  type StepInput = Record<string, unknown> & {
    actor: OrganisationActor;
    orgSlug: string;
    submission: string;
  };
  const step = (path: string, run: (c: Context<AppEnv>, input: StepInput) => Promise<unknown>) =>
    r.post(`${base}/submissions/:id/${path}`, async (c) => {
      const input = await withBody(c, { submission: routeParams(c, onThing).id });
      const result = await run(c, input);
      return c.json(result && typeof result === 'object' ? result : { ok: true });
    });
  step('comment', (c, input) => commentOnProgramSubmission(c.var.deps, input));
  step('request-changes', (c, input) => requestSubmissionChanges(c.var.deps, input));
  step('approve', (c, input) => approveProgramSubmission(c.var.deps, input));
  step('reject', (c, input) => rejectProgramSubmission(c.var.deps, input));
  step('withdraw', (c, input) => withdrawProgramSubmission(c.var.deps, input));
  step('endorse', async (c, input) => {
    const { publicId, credential } = await endorseProgramSubmission(c.var.deps, input);
    return { id: publicId, credential };
  });
  return r;
}
