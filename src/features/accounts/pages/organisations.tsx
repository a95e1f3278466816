import { Hono, type Context } from 'hono';
import { ROLES, ROLE_LABELS, ORGANISATION_KINDS, can } from '../../../domain/roles.ts';
import { createOrganisation } from '../commands/createOrganisation.ts';
import { inviteMember } from '../commands/inviteMember.ts';
import { revokeInvitation } from '../commands/revokeInvitation.ts';
import { changeMemberRoles } from '../commands/changeMemberRoles.ts';
import { removeMember } from '../commands/removeMember.ts';
import { z } from 'zod';
import { routeParams, slugParam } from '../../../http/params.ts';
import { orgPath } from '../paths.ts';
import { switchOrganisation } from '../commands/switchOrganisation.ts';
import { requireMember, type OrganisationAccess } from '../organisationAccess.ts';
import { listInvitations, listMembers } from '../../../storage/organisations.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  emptyForm,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { zipStream } from '../../../web/zip.ts';
import { exportOrganisation } from '../../dataRights/index.ts';

type C = Context<AppEnv>;
const slugParams = z.object({ slug: slugParam });
const memberParams = z.object({ slug: slugParam, user: slugParam });
const KIND_LABELS = {
  issuer: 'Issuer (designs and awards micro-credentials)',
  recognizer: 'Recognizer (approves programs, counts credit)',
  both: 'Both',
} as const;

function NewOrganisationForm({ c, form }: { c: C; form: FormState }) {
  const kind = form.values.kind ?? 'issuer';
  return (
    <section class="card">
      <h1>New organisation</h1>
      <ErrorSummary form={form} />
      <form method="post" action="/orgs/new" class="stack" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Field form={form} name="name" label="Name" required />
        <Field
          form={form}
          name="slug"
          label="Web address (optional)"
          hint="Lower-case letters, digits and dashes; made from the name if empty."
        />
        <fieldset>
          <legend>What does it do?</legend>
          {form.errors.kind && <p class="error-text">{form.errors.kind}</p>}
          {ORGANISATION_KINDS.map((k) => (
            <label for={`kind-${k}`}>
              <input id={`kind-${k}`} type="radio" name="kind" value={k} checked={kind === k} />
              {KIND_LABELS[k]}
            </label>
          ))}
        </fieldset>
        <Field form={form} name="website" type="url" label="Website (optional)" />
        <button type="submit">Create organisation</button>
      </form>
    </section>
  );
}

function RoleChecks({
  name,
  selected,
  idPrefix,
}: {
  name: string;
  selected: readonly string[];
  idPrefix: string;
}) {
  return (
    <fieldset class="checks">
      <legend>Roles</legend>
      {ROLES.map((role) => (
        <label for={`${idPrefix}-${role}`}>
          <input
            id={`${idPrefix}-${role}`}
            type="checkbox"
            name={name}
            value={role}
            checked={selected.includes(role)}
          />{' '}
          {ROLE_LABELS[role]}
        </label>
      ))}
    </fieldset>
  );
}

/** The invite form and the organisation's invitations with their status. */
function InvitationsSection({
  slug,
  invitations,
  inviteForm,
  csrf,
  now,
}: {
  slug: string;
  invitations: Awaited<ReturnType<typeof listInvitations>>;
  inviteForm: FormState;
  csrf: string;
  now: Date;
}) {
  return (
    <>
      <section class="card mt-4" aria-labelledby="h-invite">
        <h2 id="h-invite">Invite a member</h2>
        <ErrorSummary form={inviteForm} />
        <form method="post" action={orgPath(slug, 'invitations')} class="stack" novalidate>
          <CsrfField token={csrf} />
          <Field form={inviteForm} name="email" type="email" label="Their email" required />
          {inviteForm.errors.roles && <p class="error-text">{inviteForm.errors.roles}</p>}
          <RoleChecks
            name="roles"
            selected={inviteForm.values.roles ? [inviteForm.values.roles] : ['reviewer']}
            idPrefix="invite-role"
          />
          <button type="submit">Send invitation</button>
        </form>
      </section>
      <section class="card" aria-labelledby="h-invitations">
        <h2 id="h-invitations">Invitations</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => {
              const status = i.accepted_at
                ? 'Accepted'
                : i.revoked_at
                  ? 'Withdrawn'
                  : i.expires_at <= now
                    ? 'Expired'
                    : 'Pending';
              return (
                <tr>
                  <td>{i.email}</td>
                  <td>{i.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r).join(', ')}</td>
                  <td>{status}</td>
                  <td>
                    {status === 'Pending' && (
                      <ActionButton
                        action={orgPath(slug, 'invitations', i.public_id, 'revoke')}
                        csrfToken={csrf}
                        label="Withdraw"
                        variant="danger"
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}

async function membersPage(
  c: C,
  access: OrganisationAccess,
  inviteForm: FormState = emptyForm,
  status: 200 | 403 | 409 | 422 = 200,
) {
  const { organisation, membership } = access;
  const { db } = c.var.deps;
  const manage = can(membership.roles, 'members.manage');
  const invite = can(membership.roles, 'invitations.manage');
  const [members, invitations] = await Promise.all([
    listMembers(db, organisation.id),
    invite ? listInvitations(db, organisation.id) : [],
  ]);
  const csrf = c.var.csrfToken;
  const viewer = requireViewer(c.var.viewer);
  const now = c.var.deps.clock.now();
  return page(
    c,
    `Members of ${organisation.name}`,
    <>
      <h1>Members of {organisation.name}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            {manage && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>
                {m.roles.map((r) => (
                  <span class="tag">{ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r}</span>
                ))}
              </td>
              {manage && (
                <td>
                  <form
                    method="post"
                    action={orgPath(organisation.slug, 'members', m.user_public_id, 'roles')}
                  >
                    <CsrfField token={csrf} />
                    <RoleChecks name="roles" selected={m.roles} idPrefix={`role-${m.user_public_id}`} />
                    <button type="submit" class="secondary">
                      Save roles
                    </button>
                  </form>
                  {m.user_public_id !== viewer.user_public_id && (
                    <ActionButton
                      action={orgPath(organisation.slug, 'members', m.user_public_id, 'remove')}
                      csrfToken={csrf}
                      label="Remove"
                      variant="danger"
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {invite && (
        <InvitationsSection
          slug={organisation.slug}
          invitations={invitations}
          inviteForm={inviteForm}
          csrf={csrf}
          now={now}
        />
      )}
    </>,
    status,
  );
}

/** Organisations: create, overview, members and roles, invitations, switching (the audit log is audit.tsx). */
// eslint-disable-next-line max-lines-per-function -- one route group listing the organisation routes (create, overview, members, roles, invitations, switching); pages and commands live elsewhere
export function organisationRoutes() {
  const r = new Hono<AppEnv>();
  const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
  const access = (c: C, action?: Parameters<typeof requireMember>[3]) =>
    requireMember(
      c.var.deps.db,
      routeParams(c, slugParams).slug,
      requireViewer(c.var.viewer).user_id,
      action,
    );

  r.get('/orgs/new', (c) => {
    requireViewer(c.var.viewer);
    return page(c, 'New organisation', <NewOrganisationForm c={c} form={emptyForm} />);
  });
  r.post('/orgs/new', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const viewer = requireViewer(c.var.viewer);
        const { slug } = await createOrganisation(c.var.deps, { ...fields, actor: actor(c) });
        await switchOrganisation(c.var.deps, {
          slug,
          actor: { sessionId: viewer.session_id, userId: viewer.user_id },
        });
        return redirectWith(
          c,
          orgPath(slug),
          'success',
          'Organisation created. Invite your colleagues from Members.',
        );
      },
      (form, status) => page(c, 'New organisation', <NewOrganisationForm c={c} form={form} />, status),
    );
  });
  r.post('/switch-organisation', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const fields = await formFields(c);
    const slug = typeof fields.slug === 'string' ? fields.slug : '';
    await switchOrganisation(c.var.deps, {
      slug,
      actor: { sessionId: viewer.session_id, userId: viewer.user_id },
    });
    return c.redirect(orgPath(slug), 303);
  });

  r.get('/orgs/:slug', async (c) => {
    const { organisation, membership } = await access(c, 'organisation.read');
    const members = await listMembers(c.var.deps.db, organisation.id);
    return page(
      c,
      organisation.name,
      <>
        <h1>{organisation.name}</h1>
        <section class="card">
          <p>
            <span class="tag">{KIND_LABELS[organisation.kind]}</span>
          </p>
          {organisation.description && <p>{organisation.description}</p>}
          {organisation.website && (
            <p>
              <a href={organisation.website}>{organisation.website}</a>
            </p>
          )}
          <p>
            Your roles:{' '}
            {membership.roles.map((role) => ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role).join(', ')}
            . {members.length} member
            {members.length === 1 ? '' : 's'}.
          </p>
          <p>
            <a href={orgPath(organisation.slug, 'members')}>Members</a>
            {can(membership.roles, 'audit.read') && (
              <>
                {' · '}
                <a href={orgPath(organisation.slug, 'audit')}>Audit log</a>
              </>
            )}
          </p>
        </section>
        {can(membership.roles, 'organisation.update') && (
          <section class="card" aria-labelledby="h-org-data">
            <h2 id="h-org-data">Your organisation’s data</h2>
            <p>
              <a href={orgPath(organisation.slug, 'export.zip')}>
                Download all of {organisation.name}’s data (ZIP)
              </a>
              : designs and their versions, credentials, applications and reviews, bulk award runs, members,
              recognition programs, ledger entries and the audit log, as JSON files with a manifest. Keys,
              tokens and webhook secrets are left out.
            </p>
          </section>
        )}
      </>,
    );
  });
  r.get('/orgs/:slug/export.zip', async (c) => {
    const { organisation } = await access(c, 'organisation.update');
    const now = c.var.deps.clock.now();
    const stream = zipStream(exportOrganisation(c.var.deps.db, organisation, actor(c), now), {
      defaultDate: now,
    });
    return c.body(stream, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="cairn-${organisation.slug}-${now.toISOString().slice(0, 10)}.zip"`,
      'Cache-Control': 'no-store',
    });
  });
  r.get('/orgs/:slug/members', async (c) => membersPage(c, await access(c, 'members.read')));
  r.post('/orgs/:slug/invitations', async (c) => {
    const fields = await formFields(c);
    const { slug } = routeParams(c, slugParams);
    return handleForm(
      c,
      fields,
      async () => {
        await inviteMember(c.var.deps, { ...fields, slug, actor: actor(c) });
        return redirectWith(
          c,
          orgPath(slug, 'members'),
          'success',
          `Invitation sent to ${String(fields.email ?? '')
            .trim()
            .toLowerCase()}.`,
        );
      },
      async (form, status) => membersPage(c, await access(c, 'members.read'), form, status as 422),
    );
  });
  r.post('/orgs/:slug/invitations/:id/revoke', async (c) => {
    const { slug, id } = routeParams(c, z.object({ slug: slugParam, id: slugParam }));
    await revokeInvitation(c.var.deps, { slug, invitationPublicId: id, actor: actor(c) });
    return redirectWith(c, orgPath(slug, 'members'), 'success', 'Invitation withdrawn.');
  });
  r.post('/orgs/:slug/members/:user/roles', async (c) => {
    const fields = await formFields(c);
    const { slug, user } = routeParams(c, memberParams);
    await changeMemberRoles(c.var.deps, { slug, userPublicId: user, roles: fields.roles, actor: actor(c) });
    return redirectWith(c, orgPath(slug, 'members'), 'success', 'Roles saved.');
  });
  r.post('/orgs/:slug/members/:user/remove', async (c) => {
    const { slug, user } = routeParams(c, memberParams);
    await removeMember(c.var.deps, { slug, userPublicId: user, actor: actor(c) });
    const self = user === requireViewer(c.var.viewer).user_public_id;
    return redirectWith(
      c,
      self ? '/' : orgPath(slug, 'members'),
      'success',
      self ? 'You left the organisation.' : 'Member removed.',
    );
  });
  return r;
}
