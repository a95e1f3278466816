import { Hono } from 'hono';
import { AppError, invalid } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { AppEnv } from '../../../http/env.ts';
import { routeParams } from '../../../http/params.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { submitInput, submitProgram } from '../commands/submitProgram.ts';
import { recognitionPaths } from '../paths.ts';
import type { SubmissionView } from '../queries/submissions.ts';
import { actorOf, itemParams, orgParams, type C } from './recognitionParts.tsx';
import { loadSubmit, otherProgramChosen, previousOfForm, submissionToResubmit } from './submitLoader.ts';
import { SubmitView } from './submitView.tsx';

type Fields = Record<string, string | string[]>;
const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

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

/** The command names the subject's fields; the form has one "What to submit" select that shows them. */
function withSubjectErrors(form: FormState): FormState {
  const errors = { ...form.errors };
  for (const k of ['microCredential', 'version', 'pathway', 'stack'])
    if (errors[k]) errors.subject ??= errors[k];
  return { ...form, errors };
}

/**
 * A program outside the suggestions must be confirmed by ticking the box that names its
 * recognizer (a badge once went to the wrong council). Throws the form error when it is not.
 */
async function checkOtherConfirmed(c: C, slug: string, fields: Fields): Promise<void> {
  const program = str(fields.program);
  // A resubmission follows one to the same program (the command checks it): chosen once already.
  if (!program || str(fields.previousSubmission)) return;
  const subject = typeof fields.subject === 'string' ? fields.subject : undefined;
  const other = await otherProgramChosen(c.var.deps, { actor: actorOf(c), orgSlug: slug, program, subject });
  if (!other || fields.otherRecognizer === program) return;
  // Say at once what else the form needs, so the second try is the last.
  let errors: Record<string, string> = {};
  try {
    parseInput(submitInput, { ...fields, ...subjectFields(fields.subject) });
  } catch (err) {
    if (err instanceof AppError) errors = err.fields;
  }
  const { t } = requestTranslator(c);
  const names = { program: other.program, recognizer: other.recognizer };
  throw invalid(
    { ...errors, program: t('recognition.submit.confirmOther', names) },
    t('recognition.submit.confirmOtherSummary', names),
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
  ) => {
    const { slug } = routeParams(c, orgParams);
    const data = await loadSubmit(c.var.deps, {
      actor: actorOf(c),
      orgSlug: slug,
      form,
      mc: c.req.query('mc'),
      previous,
      confirmOtherOf,
    });
    const model = { ...data, form: withSubjectErrors(form), csrfToken: c.var.csrfToken };
    return page(c, requestTranslator(c).t('recognition.submit.title'), <SubmitView {...model} />, status);
  };
  r.get(recognitionPaths.submit(':slug'), (c) => submitPage(c, emptyForm));
  r.post(recognitionPaths.submit(':slug'), async (c) => {
    const { slug } = routeParams(c, orgParams);
    const fields = await formFields(c);
    const input = { ...fields, ...subjectFields(fields.subject), actor: actorOf(c), orgSlug: slug };
    return handleForm(
      c,
      fields,
      async () => {
        await checkOtherConfirmed(c, slug, fields);
        const { publicId } = await submitProgram(c.var.deps, input);
        const message = requestTranslator(c).t('recognition.submit.done');
        return redirectWith(c, recognitionPaths.submission(slug, publicId), 'success', message);
      },
      async (form, status) => {
        const who = { actor: actorOf(c), orgSlug: slug, submission: str(fields.previousSubmission) };
        const previous = await previousOfForm(c.var.deps, who);
        const program = typeof fields.program === 'string' ? fields.program : undefined;
        return submitPage(c, form, status as 422, previous, program);
      },
    );
  });
  r.get(recognitionPaths.submissionStep(':slug', ':id', 'resubmit'), async (c) => {
    const { slug, id } = routeParams(c, itemParams);
    const who = { actor: actorOf(c), orgSlug: slug, submission: id };
    return submitPage(c, emptyForm, 200, await submissionToResubmit(c.var.deps, who));
  });
  return r;
}
