import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import { routeParams } from '../../../http/params.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { archiveProgram } from '../commands/archiveProgram.ts';
import { createProgram } from '../commands/createProgram.ts';
import { updateProgram } from '../commands/updateProgram.ts';
import { recognitionPaths } from '../paths.ts';
import { loadProgram, loadPrograms, programValues } from './programsLoader.ts';
import { ProgramsView, ProgramView } from './programsView.tsx';
import { actorOf, itemParams, orgParams, type C } from './recognitionParts.tsx';

type Status = 200 | 409 | 422;

/** A recognizer's programs: list, create, edit, archive. */
export function programRoutes() {
  const r = new Hono<AppEnv>();
  const t = (c: C) => requestTranslator(c).t;
  const programsPage = async (c: C, form: FormState = emptyForm, status: Status = 200) => {
    const { slug } = routeParams(c, orgParams);
    const data = await loadPrograms(c.var.deps, { actor: actorOf(c), orgSlug: slug });
    const model = { ...data, form, csrfToken: c.var.csrfToken };
    return page(c, t(c)('recognition.programs.title'), <ProgramsView {...model} />, status);
  };
  const programPage = async (c: C, failed: FormState | null, status: Status = 200) => {
    const { slug, id } = routeParams(c, itemParams);
    const data = await loadProgram(c.var.deps, { actor: actorOf(c), orgSlug: slug, program: id });
    const form = failed ?? { values: programValues(data.program), errors: {} };
    return page(
      c,
      data.program.name,
      <ProgramView {...data} form={form} csrfToken={c.var.csrfToken} />,
      status,
    );
  };
  r.get(recognitionPaths.programs(':slug'), (c) => programsPage(c));
  r.post(recognitionPaths.programs(':slug'), async (c) => {
    const { slug } = routeParams(c, orgParams);
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await createProgram(c.var.deps, { ...fields, actor: actorOf(c), orgSlug: slug });
        const message = t(c)('recognition.programs.created');
        return redirectWith(c, recognitionPaths.programs(slug), 'success', message);
      },
      (form, status) => programsPage(c, form, status as Status),
    );
  });
  r.get(recognitionPaths.program(':slug', ':id'), (c) => programPage(c, null));
  r.post(recognitionPaths.program(':slug', ':id'), async (c) => {
    const { slug, id } = routeParams(c, itemParams);
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await updateProgram(c.var.deps, { ...fields, actor: actorOf(c), orgSlug: slug, program: id });
        return redirectWith(
          c,
          recognitionPaths.programs(slug),
          'success',
          t(c)('recognition.programs.saved'),
        );
      },
      (form, status) => programPage(c, form, status as Status),
    );
  });
  r.post(recognitionPaths.archiveProgram(':slug', ':id'), async (c) => {
    const { slug, id } = routeParams(c, itemParams);
    await archiveProgram(c.var.deps, { actor: actorOf(c), orgSlug: slug, program: id });
    const message = t(c)('recognition.programs.archivedDone');
    return redirectWith(c, recognitionPaths.programs(slug), 'success', message);
  });
  return r;
}
