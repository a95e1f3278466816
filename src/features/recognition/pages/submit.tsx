import { Hono } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import type { AppEnv } from '../../../http/env.ts';
import {
  CsrfField,
  ErrorSummary,
  emptyForm,
  TextArea,
  SelectField,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { requireMember } from '../../accounts/index.ts';
import { loadSubmission } from '../commands/submissionAccess.ts';
import { submitProgram } from '../commands/submitProgram.ts';
import { recognitionPaths } from '../paths.ts';
import { openPrograms } from '../queries/programs.ts';
import { submittableSubjects, type SubmissionView } from '../queries/submissions.ts';
import { actorOf, idOf, slugOf, type C } from './recognitionParts.tsx';

type Option = [string, string];

export interface SubmitModel {
  slug: string;
  programs: Option[];
  subjects: Option[];
  /** The subject chosen beforehand (`mc:<id>`), from the query or the resubmitted submission. */
  chosenSubject: string | undefined;
  /** The submission this one resubmits, if any. */
  previous: Pick<SubmissionView, 'public_id' | 'title' | 'program_public_id' | 'statement'> | undefined;
  form: FormState;
  csrfToken: string;
}

export async function loadSubmit(c: C, form: FormState, previous?: SubmissionView): Promise<SubmitModel> {
  const { db } = c.var.deps;
  const { organisation } = await requireMember(db, slugOf(c), actorOf(c).userId, 'recognition.submit');
  const [programs, { microCredentials, pathways, stacks }] = await Promise.all([
    openPrograms(db, organisation.id),
    submittableSubjects(db, organisation.id),
  ]);
  // The command names the subject's fields; the form has one "What to submit" select.
  const errors = { ...form.errors };
  for (const k of ['microCredential', 'version', 'pathway', 'stack'])
    if (errors[k]) errors.subject ??= errors[k];
  const mc = c.req.query('mc');
  return {
    slug: organisation.slug,
    programs: programs.map((p): Option => [
      p.public_id,
      `${p.organisation_name} — ${p.name} (${p.license_name})`,
    ]),
    subjects: [
      ...microCredentials.map((m): Option => [`mc:${m.public_id}`, `${m.title} (version ${m.version})`]),
      ...pathways.map((p): Option => [`pathway:${p.public_id}`, `Pathway: ${p.name}`]),
      ...stacks.map((s): Option => [`stack:${s.public_id}`, `Stack: ${s.name}`]),
    ],
    chosenSubject: mc ? `mc:${mc}` : previous?.mc_public_id ? `mc:${previous.mc_public_id}` : undefined,
    previous,
    form: { ...form, errors },
    csrfToken: c.var.csrfToken,
  };
}

function SubmitForm(m: SubmitModel) {
  const { form, previous } = m;
  return (
    <form method="post" action={recognitionPaths.submit(m.slug)} class="stack" novalidate>
      <CsrfField token={m.csrfToken} />
      {previous && <input type="hidden" name="previousSubmission" value={previous.public_id} />}
      <SelectField
        form={form}
        name="program"
        label="Recognition program"
        options={[['', 'Choose a program'], ...m.programs]}
        value={previous?.program_public_id}
      />
      <SelectField
        form={form}
        name="subject"
        label="What to submit"
        options={[['', 'Choose a micro-credential, pathway or stack'], ...m.subjects]}
        value={m.chosenSubject}
        hint="Micro-credentials are submitted at their published version."
      />
      <TextArea
        form={form}
        name="statement"
        label="Statement: how competency is verified and endorsed"
        hint="Who assesses the evidence, against which rubric, and how reviewers are trained."
        rows={5}
        value={previous?.statement}
      />
      <p>
        <button type="submit">{previous ? 'Resubmit for recognition' : 'Submit for recognition'}</button>
      </p>
    </form>
  );
}

export function SubmitView(m: SubmitModel) {
  return (
    <section class="card">
      <p class="muted">
        <a href={recognitionPaths.submissions(m.slug)}>Recognition submissions</a>
      </p>
      <h1>
        {m.previous
          ? `Resubmit “${m.previous.title.replace(/ \(version \d+\)$/, '')}”`
          : 'Submit for recognition'}
      </h1>
      <p>
        A recognizer approves one exact version: after any change (a new version) the new version needs a new
        approval. Earners of an approved version keep its recognition.
      </p>
      {m.programs.length === 0 && (
        <p class="flash info">No recognizer has opened a recognition program yet.</p>
      )}
      {m.subjects.length === 0 && (
        <p class="flash info">Publish a micro-credential first: only published versions can be submitted.</p>
      )}
      <ErrorSummary form={m.form} />
      <SubmitForm {...m} />
    </section>
  );
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

/** An issuer submits (or resubmits) a micro-credential, pathway or stack to a recognizer's program. */
export function submitRoutes() {
  const r = new Hono<AppEnv>();
  const submitPage = async (
    c: C,
    form: FormState,
    status: 200 | 409 | 422 = 200,
    previous?: SubmissionView,
  ) => page(c, 'Submit for recognition', <SubmitView {...await loadSubmit(c, form, previous)} />, status);
  r.get(recognitionPaths.submit(':slug'), (c) => submitPage(c, emptyForm));
  r.post(recognitionPaths.submit(':slug'), async (c) => {
    const fields = await formFields(c);
    const input = { ...fields, ...subjectFields(fields.subject), actor: actorOf(c), orgSlug: slugOf(c) };
    return handleForm(
      c,
      fields,
      async () => {
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
        return submitPage(c, form, status as 422, previous ?? undefined);
      },
    );
  });
  r.get(recognitionPaths.submissionStep(':slug', ':id', 'resubmit'), async (c) => {
    const { db } = c.var.deps;
    const { side, submission } = await loadSubmission(db, slugOf(c), actorOf(c).userId, idOf(c));
    if (side !== 'issuer') throw notFound('That submission');
    return submitPage(c, emptyForm, 200, submission);
  });
  return r;
}
