import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../../http/env.ts';
import type { FormState } from '../../../web/forms.tsx';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, redirectWith } from '../../../web/render.tsx';

/**
 * The one way the accounts pages handle a post: parse the fields, run the command, then go on
 * with a message in the reader's language, or show the page again with the form's errors (what
 * was typed kept, passwords never) also in the reader's language.
 */
type C = Context<AppEnv>;
export type Fields = Record<string, string | string[]>;
/** Where to go after a command succeeded, and what to say there (nothing: no message). */
export interface Done {
  to: string;
  say?: string;
  kind?: 'success' | 'info' | 'error';
}

export interface FormPost {
  run(c: C, fields: Fields, t: Translator): Promise<Done | Response>;
  /** The page again with the failed form. */
  again(c: C, form: FormState, status: ContentfulStatusCode, fields: Fields): Response | Promise<Response>;
}

function finish(c: C, done: Done | Response): Response {
  if (done instanceof Response) return done;
  return done.say ? redirectWith(c, done.to, done.kind ?? 'success', done.say) : c.redirect(done.to, 303);
}

/** A form post: its command's problems come back beside the fields. */
export function postForm(r: Hono<AppEnv>, path: string, handler: FormPost): void {
  r.post(path, async (c) => {
    const fields = await formFields(c);
    const t = requestTranslator(c);
    return handleForm(
      c,
      fields,
      async () => finish(c, await handler.run(c, fields, t)),
      // handleForm has already put the problems in the reader's language.
      (form, status) => handler.again(c, form, status, fields),
    );
  });
}

/**
 * A one-button post (make primary, remove, revoke, change roles): a refusal is shown on the error
 * page, which says it in the reader's language.
 */
export function postAction(
  r: Hono<AppEnv>,
  path: string,
  run: (c: C, fields: Fields, t: Translator) => Promise<Done | Response>,
): void {
  r.post(path, async (c) => {
    const t = requestTranslator(c);
    return finish(c, await run(c, await formFields(c), t));
  });
}
