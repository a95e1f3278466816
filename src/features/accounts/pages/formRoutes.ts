import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../../domain/errors.ts';
import type { AppEnv } from '../../../http/env.ts';
import type { FormState } from '../../../web/forms.tsx';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, redirectWith } from '../../../web/render.tsx';
import { translateForm, translateMessage } from '../messages.ts';

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
      (form, status) => handler.again(c, translateForm(t, form), status, fields),
    );
  });
}

/**
 * A one-button post (make primary, remove, revoke, change roles): a refusal is shown on the error
 * page, in the reader's language.
 */
export function postAction(
  r: Hono<AppEnv>,
  path: string,
  run: (c: C, fields: Fields, t: Translator) => Promise<Done | Response>,
): void {
  r.post(path, async (c) => {
    const t = requestTranslator(c);
    return finish(c, await inReadersLanguage(t, async () => run(c, await formFields(c), t)));
  });
}

/** Runs work whose AppError messages are accounts messages, re-thrown in the reader's language. */
export async function inReadersLanguage<T>(t: Translator, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = Object.fromEntries(
      Object.entries(err.fields).map(([k, v]) => [k, translateMessage(t, v)]),
    );
    throw new AppError(
      err.code,
      translateMessage(t, err.message),
      fields,
      err.retryAfterSeconds,
      err.details,
    );
  }
}
