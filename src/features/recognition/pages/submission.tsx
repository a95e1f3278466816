import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import { routeParams } from '../../../http/params.ts';
import type { MessageKey } from '../../../web/i18n/i18n.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { approveProgramSubmission } from '../commands/approveProgramSubmission.ts';
import { commentOnProgramSubmission } from '../commands/commentOnProgramSubmission.ts';
import { endorseProgramSubmission } from '../commands/endorseProgramSubmission.ts';
import { rejectProgramSubmission } from '../commands/rejectProgramSubmission.ts';
import { requestSubmissionChanges } from '../commands/requestSubmissionChanges.ts';
import { withdrawProgramSubmission } from '../commands/withdrawProgramSubmission.ts';
import { recognitionPaths, type SubmissionStepPath } from '../paths.ts';
import { actorOf, itemParams, subjectTitle, type C } from './recognitionParts.tsx';
import { loadSubmissionPage, type StepForm, type SubmissionModel } from './submissionLoader.ts';
import { SubmissionView as SubmissionPage } from './submissionView.tsx';

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
  message: MessageKey;
}> = [
  {
    path: 'comment',
    form: 'comment',
    input: (f) => ({ body: str(f.body) }),
    run: (c, input) => commentOnProgramSubmission(c.var.deps, input),
    message: 'recognition.submission.done.comment',
  },
  {
    path: 'request-changes',
    form: 'changes',
    input: (f) => ({ body: str(f.changes) }),
    run: (c, input) => requestSubmissionChanges(c.var.deps, input),
    message: 'recognition.submission.done.changes',
  },
  {
    path: 'approve',
    form: 'approve',
    input: (f) => ({ hours: str(f.hours), endsOn: str(f.endsOn), body: str(f.approveNote) }),
    run: (c, input) => approveProgramSubmission(c.var.deps, input),
    message: 'recognition.submission.done.approve',
  },
  {
    path: 'reject',
    form: 'reject',
    input: (f) => ({ body: str(f.reasons) }),
    run: (c, input) => rejectProgramSubmission(c.var.deps, input),
    message: 'recognition.submission.done.reject',
  },
  {
    path: 'withdraw',
    form: 'withdraw',
    input: (f) => ({ body: str(f.body) }),
    run: (c, input) => withdrawProgramSubmission(c.var.deps, input),
    message: 'recognition.submission.done.withdraw',
  },
  {
    path: 'endorse',
    form: 'endorse',
    input: (f) => ({ comment: str(f.comment) }),
    run: (c, input) => endorseProgramSubmission(c.var.deps, input),
    message: 'recognition.submission.done.endorse',
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
    const { slug, id } = routeParams(c, itemParams);
    const data = await loadSubmissionPage(c.var.deps, { actor: actorOf(c), orgSlug: slug, submission: id });
    const { t } = requestTranslator(c);
    const title = t('recognition.submission.title', { title: subjectTitle(t, data.submission) });
    return page(c, title, <SubmissionPage {...data} failed={failed} csrfToken={c.var.csrfToken} />, status);
  };
  r.get(recognitionPaths.submission(':slug', ':id'), (c) => render(c));
  for (const step of STEPS) {
    r.post(recognitionPaths.submissionStep(':slug', ':id', step.path), async (c) => {
      const { slug, id } = routeParams(c, itemParams);
      const fields = await formFields(c);
      const target: StepTarget = { actor: actorOf(c), orgSlug: slug, submission: id };
      return handleForm(
        c,
        fields,
        async () => {
          await step.run(c, { ...step.input(fields), ...target });
          const message = requestTranslator(c).t(step.message);
          return redirectWith(c, recognitionPaths.submission(slug, id), 'success', message);
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
