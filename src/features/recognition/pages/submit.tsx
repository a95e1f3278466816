import { Hono } from 'hono';
import { AppError, invalid, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { requireMember } from '../../accounts/index.ts';
import { loadSubmission } from '../commands/submissionAccess.ts';
import { submitInput, submitProgram } from '../commands/submitProgram.ts';
import { recognitionPaths } from '../paths.ts';
import { openPrograms } from '../queries/programs.ts';
import { submittableSubjects, type SubmissionView } from '../queries/submissions.ts';
import { actorOf, idOf, slugOf, type C } from './recognitionParts.tsx';
import { programChoices } from './submitModel.ts';
import { SubmitView, type SubmitModel } from './submitView.tsx';

type Option = [string, string];

export async function loadSubmit(
  c: C,
  form: FormState,
  previous?: SubmissionView,
  confirmOtherOf?: string,
): Promise<SubmitModel> {
  const { db } = c.var.deps;
  const { organisation } = await requireMember(db, slugOf(c), actorOf(c).userId, 'recognition.submit');
  const [programs, subjects] = await Promise.all([
    openPrograms(db, organisation.id),
    submittableSubjects(db, organisation.id),
  ]);
  const { microCredentials, pathways, stacks } = subjects;
  // The command names the subject's fields; the form has one "What to submit" select.
  const errors = { ...form.errors };
  for (const k of ['microCredential', 'version', 'pathway', 'stack'])
    if (errors[k]) errors.subject ??= errors[k];
  const mc = c.req.query('mc');
  const chosenSubject =
    form.values.subject ||
    (mc ? `mc:${mc}` : previous?.mc_public_id ? `mc:${previous.mc_public_id}` : undefined);
  const { suggested, other } = programChoices(programs, subjects, chosenSubject, organisation.id);
  return {
    slug: organisation.slug,
    suggested,
    other,
    subjects: [
      ...microCredentials.map((m): Option => [`mc:${m.public_id}`, `${m.title} (version ${m.version})`]),
      ...pathways.map((p): Option => [`pathway:${p.public_id}`, `Pathway: ${p.name}`]),
      ...stacks.map((s): Option => [`stack:${s.public_id}`, `Stack: ${s.name}`]),
    ],
    chosenSubject,
    previous,
    confirmOther: confirmOtherOf ? other.find((p) => p.publicId === confirmOtherOf) : undefined,
    form: { ...form, errors },
    csrfToken: c.var.csrfToken,
  };
}

/** The form's one "What to submit" value (`mc:…`, `pathway:…`, `stack:…`) as the command's fields. */
export function subjectFields(subject: unknown) {
  const value = typeof subject === 'string' ? subject : '';
  const [kind, id] = [value.split(':')[0], value.split(':').slice(1).join(':')];
  return {
    microCredential: kind === 'mc' ? id : undefined,
    pathway: kind === 'pathway' ? id : undefined,
    stack: kind === 'stack' ? id : undefined,
  };
}

/**
 * A program outside the suggestions must be confirmed by ticking the box that names its
 * recognizer (a badge once went to the wrong council). Throws the form error when it is not.
 */
async function checkOtherConfirmed(c: C, fields: Record<string, string | string[]>): Promise<void> {
  const program = typeof fields.program === 'string' ? fields.program : '';
  // A resubmission follows one to the same program (the command checks it): chosen once already.
  if (!program || (typeof fields.previousSubmission === 'string' && fields.previousSubmission)) return;
  const { db } = c.var.deps;
  const { organisation } = await requireMember(db, slugOf(c), actorOf(c).userId, 'recognition.submit');
  const [programs, subjects] = await Promise.all([
    openPrograms(db, organisation.id),
    submittableSubjects(db, organisation.id),
  ]);
  const subject = typeof fields.subject === 'string' ? fields.subject : undefined;
  const other = programChoices(programs, subjects, subject, organisation.id).other.find(
    (p) => p.publicId === program,
  );
  if (!other || fields.otherRecognizer === program) return;
  // Say at once what else the form needs, so the second try is the last.
  let errors: Record<string, string> = {};
  try {
    parseInput(submitInput, { ...fields, ...subjectFields(fields.subject) });
  } catch (err) {
    if (err instanceof AppError) errors = err.fields;
  }
  throw invalid(
    {
      ...errors,
      program: `${other.program} is not among the programs suggested for this. Tick the box to send it to ${other.recognizer}.`,
    },
    `Confirm that this goes to ${other.recognizer}.`,
  );
}

/** An issuer submits (or resubmits) a micro-credential, pathway or stack to a recognizer's program. */
export function submitRoutes() {
  const r = new Hono<AppEnv>();
  const submitPage = async (
    c: C,
    form: FormState,
    status: 200 | 409 | 422 = 200,
    previous?: SubmissionView,
    confirmOtherOf?: string,
  ) =>
    page(
      c,
      'Submit for recognition',
      <SubmitView {...await loadSubmit(c, form, previous, confirmOtherOf)} />,
      status,
    );
  r.get(recognitionPaths.submit(':slug'), (c) => submitPage(c, emptyForm));
  r.post(recognitionPaths.submit(':slug'), async (c) => {
    const fields = await formFields(c);
    const input = { ...fields, ...subjectFields(fields.subject), actor: actorOf(c), orgSlug: slugOf(c) };
    return handleForm(
      c,
      fields,
      async () => {
        await checkOtherConfirmed(c, fields);
        const { publicId } = await submitProgram(c.var.deps, input);
        const message =
          'Submitted. The recognizer’s officers have been told; you will get an email when they respond.';
        return redirectWith(c, recognitionPaths.submission(slugOf(c), publicId), 'success', message);
      },
      async (form, status) => {
        const previousId = typeof fields.previousSubmission === 'string' ? fields.previousSubmission : '';
        const previous = previousId
          ? (await loadSubmission(c.var.deps.db, slugOf(c), actorOf(c).userId, previousId).catch(() => null))
              ?.submission
          : undefined;
        const program = typeof fields.program === 'string' ? fields.program : undefined;
        return submitPage(c, form, status as 422, previous ?? undefined, program);
      },
    );
  });
  r.get(recognitionPaths.submissionStep(':slug', ':id', 'resubmit'), async (c) => {
    const { db } = c.var.deps;
    const { sides, submission } = await loadSubmission(db, slugOf(c), actorOf(c).userId, idOf(c));
    if (!sides.includes('issuer')) throw notFound('submission');
    return submitPage(c, emptyForm, 200, submission);
  });
  return r;
}
