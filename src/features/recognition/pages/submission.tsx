import { Hono } from 'hono';
import { can } from '../../../domain/roles.ts';
import type { AppEnv } from '../../../http/env.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { approveProgramSubmission } from '../commands/approveProgramSubmission.ts';
import { commentOnProgramSubmission } from '../commands/commentOnProgramSubmission.ts';
import { endorseProgramSubmission } from '../commands/endorseProgramSubmission.ts';
import { rejectProgramSubmission } from '../commands/rejectProgramSubmission.ts';
import { requestSubmissionChanges } from '../commands/requestSubmissionChanges.ts';
import { loadSubmission } from '../commands/submissionAccess.ts';
import { withdrawProgramSubmission } from '../commands/withdrawProgramSubmission.ts';
import { recognitionPaths, type SubmissionStepPath } from '../paths.ts';
import { resubmittableVersion, submissionSurroundings, submissionThread } from '../queries/submissions.ts';
import { actorOf, day, idOf, slugOf, type C } from './recognitionParts.tsx';
import { SubmissionView as SubmissionPage, type StepForm, type SubmissionModel } from './submissionView.tsx';

export async function loadSubmissionPage(
  c: C,
  failed: SubmissionModel['failed'] = {},
): Promise<SubmissionModel> {
  const { db, clock } = c.var.deps;
  const { organisation, side, sides, submission, roles } = await loadSubmission(
    db,
    slugOf(c),
    actorOf(c).userId,
    idOf(c),
  );
  const [thread, resubmitVersion, surroundings] = await Promise.all([
    submissionThread(db, submission.id),
    sides.includes('issuer') ? resubmittableVersion(db, submission) : Promise.resolve(null),
    submissionSurroundings(db, submission),
  ]);
  const s = submission;
  return {
    slug: organisation.slug,
    side,
    isIssuer: sides.includes('issuer'),
    selfRecognition: submission.issuer_id === submission.recognizer_id,
    submission,
    thread,
    surroundings,
    resubmitVersion,
    canManage: sides.includes('recognizer') && can(roles, 'recognition.manage'),
    expired: s.status === 'approved' && s.ends_on !== null && s.ends_on < day(clock.now()),
    failed,
    csrfToken: c.var.csrfToken,
  };
}

/** Field errors name the command's fields; each form shows them next to its own field. */
const FIELD_OF_BODY: Partial<Record<StepForm, string>> = {
  changes: 'changes',
  reject: 'reasons',
  approve: 'approveNote',
};

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

/** Each step: its path, its form, what the command is given from the form, and what the actor is told. */
const STEPS: Array<{
  path: SubmissionStepPath;
  form: StepForm;
  input: (f: Record<string, string | string[]>) => Record<string, string>;
  run: (c: C, input: Record<string, unknown> & StepTarget) => Promise<unknown>;
  message: string;
}> = [
  {
    path: 'comment',
    form: 'comment',
    input: (f) => ({ body: str(f.body) }),
    run: (c, input) => commentOnProgramSubmission(c.var.deps, input),
    message: 'Comment added; the other side has been told.',
  },
  {
    path: 'request-changes',
    form: 'changes',
    input: (f) => ({ body: str(f.changes) }),
    run: (c, input) => requestSubmissionChanges(c.var.deps, input),
    message: 'Changes requested; the issuer has been told.',
  },
  {
    path: 'approve',
    form: 'approve',
    input: (f) => ({ hours: str(f.hours), endsOn: str(f.endsOn), body: str(f.approveNote) }),
    run: (c, input) => approveProgramSubmission(c.var.deps, input),
    message: 'Approved; the issuer has been told.',
  },
  {
    path: 'reject',
    form: 'reject',
    input: (f) => ({ body: str(f.reasons) }),
    run: (c, input) => rejectProgramSubmission(c.var.deps, input),
    message: 'Rejected; the issuer has been told.',
  },
  {
    path: 'withdraw',
    form: 'withdraw',
    input: (f) => ({ body: str(f.body) }),
    run: (c, input) => withdrawProgramSubmission(c.var.deps, input),
    message: 'Submission withdrawn.',
  },
  {
    path: 'endorse',
    form: 'endorse',
    input: (f) => ({ comment: str(f.comment) }),
    run: (c, input) => endorseProgramSubmission(c.var.deps, input),
    message: 'Endorsement issued and signed with your organisation’s key.',
  },
];

interface StepTarget {
  actor: ReturnType<typeof actorOf>;
  orgSlug: string;
  submission: string;
}

/** One submission, seen by either side, and the steps on it. */
export function submissionRoutes() {
  const r = new Hono<AppEnv>();
  const render = async (c: C, failed: SubmissionModel['failed'] = {}, status: 200 | 409 | 422 = 200) => {
    const model = await loadSubmissionPage(c, failed);
    return page(c, `Submission: ${model.submission.title}`, <SubmissionPage {...model} />, status);
  };
  r.get(recognitionPaths.submission(':slug', ':id'), (c) => render(c));
  for (const step of STEPS) {
    r.post(recognitionPaths.submissionStep(':slug', ':id', step.path), async (c) => {
      const fields = await formFields(c);
      const target: StepTarget = { actor: actorOf(c), orgSlug: slugOf(c), submission: idOf(c) };
      return handleForm(
        c,
        fields,
        async () => {
          await step.run(c, { ...step.input(fields), ...target });
          return redirectWith(c, recognitionPaths.submission(slugOf(c), idOf(c)), 'success', step.message);
        },
        (form, status) => {
          const rename = { body: FIELD_OF_BODY[step.form] ?? 'body' } as Record<string, string>;
          const errors = Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [rename[k] ?? k, v]));
          return render(c, { name: step.form, form: { ...form, errors } }, status as 422);
        },
      );
    });
  }
  return r;
}
