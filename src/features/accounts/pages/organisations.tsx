import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { createOrganisation } from '../commands/createOrganisation.ts';
import { inviteMember } from '../commands/inviteMember.ts';
import { revokeInvitation } from '../commands/revokeInvitation.ts';
import { changeMemberRoles } from '../commands/changeMemberRoles.ts';
import { removeMember } from '../commands/removeMember.ts';
import { switchOrganisation } from '../commands/switchOrganisation.ts';
import { routeParams, slugParam } from '../../../http/params.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { page } from '../../../web/render.tsx';
import { zipStream } from '../../../web/zip.ts';
import { exportOrganisation } from '../../dataRights/index.ts';
import { requireMember } from '../organisationAccess.ts';
import { ACCOUNT_PATHS, orgPath } from '../paths.ts';
import { postAction, postForm } from './formRoutes.ts';
import { loadMembers, loadOverview } from './organisationLoader.ts';
import { MembersView, NewOrganisationView, OverviewView } from './organisationViews.tsx';

type C = Context<AppEnv>;
const slugParams = z.object({ slug: slugParam });
const memberParams = z.object({ slug: slugParam, user: slugParam });
const invitationParams = z.object({ slug: slugParam, id: slugParam });

const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
const sessionActor = (c: C) => {
  const viewer = requireViewer(c.var.viewer);
  return { sessionId: viewer.session_id, userId: viewer.user_id };
};
const access = (c: C, action?: Parameters<typeof requireMember>[3]) =>
  requireMember(c.var.deps.db, routeParams(c, slugParams).slug, requireViewer(c.var.viewer).user_id, action);

const newOrganisationPage = (c: C, form: FormState = emptyForm, status = 200 as 200 | 409 | 422) =>
  page(
    c,
    requestTranslator(c).t('accounts.organisations.newTitle'),
    <NewOrganisationView form={form} csrf={c.var.csrfToken} />,
    status,
  );

async function membersPage(c: C, inviteForm: FormState = emptyForm, status = 200 as 200 | 403 | 409 | 422) {
  const viewer = requireViewer(c.var.viewer);
  const model = await loadMembers(
    c.var.deps.db,
    await access(c, 'members.read'),
    viewer,
    c.var.deps.clock.now(),
  );
  return page(
    c,
    requestTranslator(c).t('accounts.members.title', { organisation: model.name }),
    <MembersView model={model} inviteForm={inviteForm} csrf={c.var.csrfToken} />,
    status,
  );
}

/** Creating an organisation and switching the current one. */
function organisationChoice(r: Hono<AppEnv>) {
  r.get(ACCOUNT_PATHS.newOrganisation, (c) => {
    requireViewer(c.var.viewer);
    return newOrganisationPage(c);
  });
  postForm(r, ACCOUNT_PATHS.newOrganisation, {
    async run(c, fields, t) {
      const { slug } = await createOrganisation(c.var.deps, { ...fields, actor: actor(c) });
      await switchOrganisation(c.var.deps, { slug, actor: sessionActor(c) });
      return { to: orgPath(slug), say: t.t('accounts.flash.organisationCreated') };
    },
    again: (c, form, status) => newOrganisationPage(c, form, status as 422),
  });
  postAction(r, ACCOUNT_PATHS.switchOrganisation, async (c, fields) => {
    const slug = typeof fields.slug === 'string' ? fields.slug : '';
    await switchOrganisation(c.var.deps, { slug, actor: sessionActor(c) });
    return { to: orgPath(slug) };
  });
}

/** Members, roles and invitations. */
function membership(r: Hono<AppEnv>) {
  r.get('/orgs/:slug/members', (c) => membersPage(c));
  postForm(r, '/orgs/:slug/invitations', {
    async run(c, fields, t) {
      const { slug } = routeParams(c, slugParams);
      await inviteMember(c.var.deps, { ...fields, slug, actor: actor(c) });
      const email = String(fields.email ?? '')
        .trim()
        .toLowerCase();
      return { to: orgPath(slug, 'members'), say: t.t('accounts.flash.invitationSent', { email }) };
    },
    again: (c, form, status) => membersPage(c, form, status as 422),
  });
  postAction(r, '/orgs/:slug/invitations/:id/revoke', async (c, _fields, t) => {
    const { slug, id } = routeParams(c, invitationParams);
    await revokeInvitation(c.var.deps, { slug, invitationPublicId: id, actor: actor(c) });
    return { to: orgPath(slug, 'members'), say: t.t('accounts.flash.invitationWithdrawn') };
  });
  postAction(r, '/orgs/:slug/members/:user/roles', async (c, fields, t) => {
    const { slug, user } = routeParams(c, memberParams);
    await changeMemberRoles(c.var.deps, { slug, userPublicId: user, roles: fields.roles, actor: actor(c) });
    return { to: orgPath(slug, 'members'), say: t.t('accounts.flash.rolesSaved') };
  });
  postAction(r, '/orgs/:slug/members/:user/remove', async (c, _fields, t) => {
    const { slug, user } = routeParams(c, memberParams);
    await removeMember(c.var.deps, { slug, userPublicId: user, actor: actor(c) });
    return user === requireViewer(c.var.viewer).user_public_id
      ? { to: '/', say: t.t('accounts.flash.left') }
      : { to: orgPath(slug, 'members'), say: t.t('accounts.flash.memberRemoved') };
  });
}

/** Organisations: create, overview, members and roles, invitations, switching (the audit log is audit.tsx). */
export function organisationRoutes() {
  const r = new Hono<AppEnv>();
  organisationChoice(r);
  r.get('/orgs/:slug', async (c) => {
    const model = await loadOverview(c.var.deps.db, await access(c, 'organisation.read'));
    return page(c, model.name, <OverviewView model={model} csrf={c.var.csrfToken} />);
  });
  // A POST (with the CSRF token), not a GET: the export is written to the audit log.
  r.post('/orgs/:slug/export', async (c) => {
    const { slug } = routeParams(c, slugParams);
    const { fileName, files } = await exportOrganisation(c.var.deps, { actor: actor(c), slug });
    return c.body(zipStream(files, { defaultDate: c.var.deps.clock.now() }), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    });
  });
  membership(r);
  return r;
}
