import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import { createTeam, inviteToTeam, joinTeam, teamProgress, TEAM_INVITATION_DAYS } from './teams.ts';
import type { Db } from '../../../storage/database.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams } from '../../../http/params.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { earningPaths } from '../paths.ts';
import { invitationByToken, pendingInvitations, teamChoices, teamsOf } from './queries.ts';
import {
  JoinView,
  TEAM_STATUSES,
  TeamsView,
  TeamView,
  type JoinModel,
  type TeamModel,
  type TeamStatus,
  type TeamsModel,
} from './views.tsx';

export type { JoinModel, TeamModel, TeamsModel } from './views.tsx';

type C = Context<AppEnv>;

// ---------------------------------------------------------------- loaders: the views' models

/** An earner's teams, and the micro-credentials a new team may work on. */
export async function loadTeams(db: Db, userId: number, chosen: string[]): Promise<TeamsModel> {
  const [teams, choices] = await Promise.all([teamsOf(db, userId), teamChoices(db)]);
  return {
    teams: teams.map((t) => ({ name: t.name, href: earningPaths.team(t.publicId), members: t.members })),
    choices: choices.map((m) => ({
      publicId: m.public_id,
      title: m.title,
      organisation: m.organisation_name,
    })),
    chosen,
  };
}

/** An application status as a team shows it ("not started" when there is no application). */
const teamStatus = (status: string): TeamStatus => {
  const code = status === 'not started' ? 'not_started' : status;
  return (TEAM_STATUSES as readonly string[]).includes(code) ? (code as TeamStatus) : 'not_started';
};

/** A team's page, for its members only (others find nothing). */
export async function loadTeam(db: Db, userId: number, teamPublicId: string, now: Date): Promise<TeamModel> {
  const team = await teamProgress(db, userId, teamPublicId);
  const invited = await pendingInvitations(db, teamPublicId, now);
  return {
    publicId: teamPublicId,
    name: team.name,
    microCredentials: team.microCredentials,
    members: team.members.map((m) => ({
      name: m.name,
      progress: m.progress.map((p) => ({
        microCredential: p.microCredential,
        status: teamStatus(p.status),
        attempts: p.attempts,
      })),
    })),
    invited: invited.map((i) => ({ email: i.email, until: i.expires_at })),
    inviteAction: earningPaths.teamInvitations(teamPublicId),
    invitationDays: TEAM_INVITATION_DAYS,
  };
}

/** The invitation behind a link; an unknown, used or expired one is not found. */
export async function loadJoin(db: Db, token: string, now: Date): Promise<JoinModel> {
  const invitation = await invitationByToken(db, token, now);
  if (!invitation || !invitation.usable) throw notFound('teamInvitation');
  return {
    teamName: invitation.teamName,
    inviterName: invitation.inviterName ?? null,
    email: invitation.email,
    action: earningPaths.teamJoin(token),
  };
}

// ---------------------------------------------------------------- routes

const list = (v: string | string[] | undefined) =>
  Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
const teamParams = z.object({ id: publicIdParam });
const joinParams = z.object({ token: z.string().min(1).max(400) });

/** /teams: an earner's teams (learning communities), each team's page, invitations and joining from the email link. */
export function teamRoutes() {
  const r = new Hono<AppEnv>();
  const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
  const words = (c: C) => requestTranslator(c).t;

  const teamsPage = async (c: C, form: FormState, chosen: string[], status: ContentfulStatusCode = 200) => {
    const model = await loadTeams(c.var.deps.db, actor(c).userId, chosen);
    const title = words(c)('earning.teams.title');
    return page(c, title, <TeamsView model={model} form={form} csrfToken={c.var.csrfToken} />, status);
  };
  r.get('/teams', (c) => teamsPage(c, emptyForm, c.req.queries('mc') ?? []));
  r.post('/teams', async (c) => {
    actor(c);
    const fields = await formFields(c);
    const chosen = list(fields.microCredentials);
    return handleForm(
      c,
      fields,
      async () => {
        const { publicId } = await createTeam(c.var.deps, {
          actor: actor(c),
          name: fields.name,
          microCredentials: chosen,
        });
        return redirectWith(
          c,
          earningPaths.team(publicId),
          'success',
          words(c)('earning.teams.flash.started'),
        );
      },
      (form, status) => teamsPage(c, form, chosen, status),
    );
  });

  const teamPage = async (c: C, form: FormState, status: ContentfulStatusCode = 200) => {
    const { id } = routeParams(c, teamParams);
    const model = await loadTeam(c.var.deps.db, actor(c).userId, id, c.var.deps.clock.now());
    return page(c, model.name, <TeamView model={model} form={form} csrfToken={c.var.csrfToken} />, status);
  };
  r.get('/teams/:id', (c) => teamPage(c, emptyForm));
  r.post('/teams/:id/invitations', async (c) => {
    const { id } = routeParams(c, teamParams);
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await inviteToTeam(c.var.deps, { ...fields, actor: actor(c), team: id });
        const sent = words(c)('earning.teams.flash.invited', { email: String(fields.email) });
        return redirectWith(c, earningPaths.team(id), 'success', sent);
      },
      (form, status) => teamPage(c, form, status),
    );
  });

  r.get('/teams/join/:token', async (c) => {
    actor(c);
    const { token } = routeParams(c, joinParams);
    const model = await loadJoin(c.var.deps.db, token, c.var.deps.clock.now());
    const title = words(c)('earning.teams.join.title', { team: model.teamName });
    return page(c, title, <JoinView model={model} csrfToken={c.var.csrfToken} />);
  });
  r.post('/teams/join/:token', async (c) => {
    const { token } = routeParams(c, joinParams);
    const { publicId } = await joinTeam(c.var.deps, { actor: actor(c), token });
    return redirectWith(c, earningPaths.team(publicId), 'success', words(c)('earning.teams.flash.joined'));
  });
  return r;
}
