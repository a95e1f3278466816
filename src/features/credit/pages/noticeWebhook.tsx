import { Hono } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import type { AppEnv } from '../../../http/env.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { routeParams } from '../../../http/params.ts';
import { CsrfField, ErrorSummary, Field, emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page } from '../../../web/render.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { noticeWebhookUrl, requireRecognizer, setNoticeWebhook } from '../../recognition/index.ts';
import { ledgerPaths } from '../paths.ts';
import { orgPath } from '../../accounts/index.ts';
import { recognizerProgram } from '../queries/notices.ts';
import { actorOf, orgItemParams, RecognitionNav, type C } from './ledgerParts.tsx';

export interface NoticeWebhookModel {
  slug: string;
  program: { public_id: string; name: string };
  webhookUrl: string | null;
  /** The new signing secret, shown once after saving. */
  secret: string | null;
  form: FormState;
  csrfToken: string;
}

/** A program's completion-notice webhook, for an officer who may change it. */
export async function loadNoticeWebhook(
  deps: CommandDeps,
  { actor, orgSlug, program: programPublicId }: { actor: Actor; orgSlug: string; program: string },
) {
  const organisation = await requireRecognizer(deps.db, orgSlug, actor.userId, 'recognition.manage');
  const program = await recognizerProgram(deps.db, organisation.id, programPublicId);
  if (!program) throw notFound('program');
  const webhookUrl = await noticeWebhookUrl(deps, organisation.id, program.public_id);
  return { slug: organisation.slug, program, webhookUrl };
}

export function NoticeWebhookView(m: NoticeWebhookModel) {
  const { t } = useT();
  return (
    <>
      <h1>{t('credit.webhook.heading', { program: m.program.name })}</h1>
      <RecognitionNav slug={m.slug} />
      <p class="muted">
        {t('credit.webhook.explainEvent')} <code>completion_notice.sent</code>.{' '}
        {t('credit.webhook.explainSignature')} <code>Cairn-Signature: t=…,v1=…</code>.{' '}
        {t('credit.webhook.explainRetries')}{' '}
        <a href={orgPath(m.slug, 'webhooks')}>{t('credit.webhook.deliveryLog')}</a>
      </p>
      {m.secret && (
        <p class="card" role="status">
          {t('credit.webhook.secret')} <code id="webhook-secret">{m.secret}</code>
        </p>
      )}
      <ErrorSummary form={m.form} />
      <form method="post" class="stack" novalidate>
        <CsrfField token={m.csrfToken} />
        <Field
          form={m.form}
          name="url"
          type="url"
          label={t('credit.webhook.url')}
          value={m.webhookUrl ?? ''}
          hint={t('credit.webhook.urlHint')}
        />
        <button type="submit">{t('credit.webhook.save')}</button>
      </form>
    </>
  );
}

/** A program's completion-notice webhook: the URL notices go to, with a secret shown once. */
export function noticeWebhookRoutes() {
  const r = new Hono<AppEnv>();
  const render = async (c: C, form: FormState, secret: string | null, status: 200 | 422 = 200) => {
    const { slug, id } = routeParams(c, orgItemParams);
    const loaded = await loadNoticeWebhook(c.var.deps, { actor: actorOf(c), orgSlug: slug, program: id });
    const model = { ...loaded, form, secret, csrfToken: c.var.csrfToken };
    return page(c, requestTranslator(c).t('credit.webhook.title'), <NoticeWebhookView {...model} />, status);
  };
  r.get(ledgerPaths.programWebhook(':slug', ':id'), (c) => render(c, emptyForm, null));
  r.post(ledgerPaths.programWebhook(':slug', ':id'), async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const deps = { ...c.var.deps, vault: c.var.deps.credentials.vault };
        const { slug, id } = routeParams(c, orgItemParams);
        const target = { orgSlug: slug, program: id, actor: actorOf(c) };
        const { secret } = await setNoticeWebhook(deps, { ...fields, ...target });
        return render(c, emptyForm, secret);
      },
      (form, status) => render(c, form, null, status as 422),
    );
  });
  return r;
}
