import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { awardCredential } from '../commands/awardCredential.ts';
import { changeCredentialStatus } from '../commands/changeCredentialStatus.ts';
import { changeManyCredentialStatuses } from '../commands/changeManyCredentialStatuses.ts';
import { requireMember } from '../../accounts/index.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { ConfirmRevokeView, IssuedCredentialsView } from './issuedCredentialViews.tsx';
import { loadIssuedCredentials, loadRevokeConfirmation } from './issuedCredentialsLoader.ts';
import { issuingPaths } from '../paths.ts';

type C = Context<AppEnv>;

/** The organisation in the path, for a member allowed to issue (the commands check again themselves). */
const access = (c: C) =>
  requireMember(
    c.var.deps.db,
    routeParams(c, z.object({ slug: slugParam })).slug,
    requireViewer(c.var.viewer).user_id,
    'credentials.issue',
  );

/** The signed-in member acting (the commands check their role themselves). */
const actorOf = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

const listPage = async (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) => {
  const { organisation } = await access(c);
  const model = await loadIssuedCredentials(c.var.deps.db, organisation, c.var.deps.clock.now());
  return page(
    c,
    requestTranslator(c).t('issuingStaff.issued.title'),
    <IssuedCredentialsView model={model} form={form} csrf={c.var.csrfToken} />,
    status,
  );
};

/** Revoking cannot be undone: the list's Revoke first asks, naming the credentials and the reason. */
const confirmRevokePage = async (
  c: C,
  organisation: { id: number; name: string; slug: string },
  request: { ids: string[]; action: string; reason: string },
) => {
  const model = await loadRevokeConfirmation(c.var.deps.db, organisation, request);
  const { t } = requestTranslator(c);
  if (!model.credentials.length)
    return redirectWith(c, model.back, 'error', t('issuingStaff.flash.selectToRevoke'));
  return page(c, t('issuingStaff.revoke.title'), <ConfirmRevokeView model={model} csrf={c.var.csrfToken} />);
};

const notPossible = (c: C) => requestTranslator(c).t('issuingStaff.flash.notPossible');
const idsOf = (fields: Record<string, string | string[]>) =>
  fields.ids === undefined ? [] : [fields.ids].flat();
const reasonOf = (fields: Record<string, string | string[]>) =>
  typeof fields.reason === 'string' ? fields.reason : '';

/** POST /orgs/:slug/credentials: awards one micro-credential by email from the list page's form. */
async function awardOne(c: C) {
  const fields = await formFields(c);
  return handleForm(
    c,
    fields,
    async () => {
      const { organisation } = await access(c);
      const text = (name: string) =>
        typeof fields[name] === 'string' && fields[name].trim() ? fields[name].trim() : undefined;
      const credits = text('creditsEarned');
      await awardCredential(c.var.deps, {
        email: fields.email,
        microCredential: fields.microCredential,
        narrative: text('narrative'),
        evidenceUrl: text('evidenceUrl'),
        creditsEarned:
          credits === undefined ? undefined : Number.isFinite(Number(credits)) ? Number(credits) : credits,
        issuedOn: text('issuedOn'),
        issueAgain: fields.issueAgain === 'yes',
        duplicates: 'confirm',
        organisationId: organisation.id,
        actor: actorOf(c),
      });
      return redirectWith(
        c,
        issuingPaths.credentials(organisation.slug),
        'success',
        requestTranslator(c).t('issuingStaff.flash.awarded'),
      );
    },
    (form, status) => listPage(c, form, status as 422),
  );
}

/** The message after a change of many: name a few unchanged credentials, count the rest (it rides in a cookie). */
function manyChangedMessage(
  { t }: Translator,
  result: { changed: string[]; skipped: Array<{ id: string; message: string }> },
) {
  const changed = t('issuingStaff.flash.changed', { count: result.changed.length });
  const count = result.skipped.length;
  if (!count) return changed;
  const named = result.skipped
    .slice(0, 5)
    .map((s) => `${s.id} (${s.message})`)
    .join('; ');
  const skipped =
    count > 5
      ? t('issuingStaff.flash.leftUnchangedMore', { count, named, more: count - 5 })
      : t('issuingStaff.flash.leftUnchanged', { count, named });
  return `${changed} ${skipped}`;
}

/** POST /orgs/:slug/credentials/status: one change for every selected credential (revoking asks first). */
async function changeSelected(c: C) {
  const fields = await formFields(c);
  const { organisation } = await access(c);
  const back = issuingPaths.credentials(organisation.slug);
  if (fields.action === 'revoke' && fields.confirm !== 'yes') {
    const action = issuingPaths.credentialsStatus(organisation.slug);
    return confirmRevokePage(c, organisation, { ids: idsOf(fields), action, reason: reasonOf(fields) });
  }
  return handleForm(
    c,
    fields,
    async () => {
      // The organisation and who acts come last: a form field never names them.
      const result = await changeManyCredentialStatuses(c.var.deps, {
        ...fields,
        ids: idsOf(fields),
        organisationId: organisation.id,
        actor: actorOf(c),
      });
      const message = manyChangedMessage(requestTranslator(c), result);
      return redirectWith(c, back, result.skipped.length ? 'error' : 'success', message);
    },
    (form) => redirectWith(c, back, 'error', form.message ?? notPossible(c)),
  );
}

/** POST /orgs/:slug/credentials/:id/status: one credential's change (revoking asks first). */
async function changeOne(c: C) {
  const fields = await formFields(c);
  const { organisation } = await access(c);
  const { id } = routeParams(c, z.object({ id: publicIdParam }));
  const back = issuingPaths.credentials(organisation.slug);
  if (fields.action === 'revoke' && fields.confirm !== 'yes') {
    const action = issuingPaths.credentialStatus(organisation.slug, id);
    return confirmRevokePage(c, organisation, { ids: [id], action, reason: reasonOf(fields) });
  }
  return handleForm(
    c,
    fields,
    async () => {
      await changeCredentialStatus(c.var.deps, {
        ...fields,
        credential: id,
        organisationId: organisation.id,
        actor: actorOf(c),
      });
      return redirectWith(c, back, 'success', requestTranslator(c).t('issuingStaff.flash.statusChanged'));
    },
    (form) => redirectWith(c, back, 'error', form.message ?? notPossible(c)),
  );
}

/** Issuing staff award micro-credentials by email and revoke, suspend or reinstate what was issued. */
export function credentialRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/credentials', (c) => listPage(c));
  r.post('/orgs/:slug/credentials', (c) => awardOne(c));
  r.post('/orgs/:slug/credentials/status', (c) => changeSelected(c));
  r.post('/orgs/:slug/credentials/:id/status', (c) => changeOne(c));
  return r;
}
