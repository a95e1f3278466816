import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { notFound } from '../../../domain/errors.ts';
import { createTeam, inviteToTeam, joinTeam, teamProgress } from './teams.ts';
import type { Db } from '../../../storage/database.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  TableHead,
  emptyForm,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { invitationByToken, pendingInvitations, teamChoices, teamsOf } from './queries.ts';

type C = Context<AppEnv>;

// ---------------------------------------------------------------- your teams, and a new one

export interface TeamsModel {
  teams: Array<{ name: string; href: string; members: number }>;
  choices: Array<{ publicId: string; title: string; organisation: string }>;
  /** The micro-credentials ticked (as posted, or from ?mc= when coming from the catalog). */
  chosen: string[];
}

export async function loadTeams(db: Db, userId: number, chosen: string[]): Promise<TeamsModel> {
  const [teams, choices] = await Promise.all([teamsOf(db, userId), teamChoices(db)]);
  return {
    teams: teams.map((t) => ({ name: t.name, href: `/teams/${t.publicId}`, members: t.members })),
    choices: choices.map((m) => ({
      publicId: m.public_id,
      title: m.title,
      organisation: m.organisation_name,
    })),
    chosen,
  };
}

export function TeamsView({
  model,
  form,
  csrfToken,
}: {
  model: TeamsModel;
  form: FormState;
  csrfToken: string;
}) {
  const mcError = form.errors.microCredentials;
  return (
    <>
      <h1>Your teams</h1>
      <p>
        Work on micro-credentials together with colleagues: a team sees each member’s progress on the
        micro-credentials it works on (never their evidence).
      </p>
      {model.teams.length === 0 ? (
        <p>You are not in a team yet.</p>
      ) : (
        <table>
          <TableHead columns={['Team', 'Members']} />
          <tbody>
            {model.teams.map((t) => (
              <tr>
                <td>
                  <a href={t.href}>{t.name}</a>
                </td>
                <td>{t.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section class="card">
        <h2>Start a team</h2>
        <ErrorSummary form={form} />
        <form method="post" action="/teams" class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <Field
            form={form}
            name="name"
            label="Team name"
            hint="For example “Grade 4 learning circle”."
            required
          />
          <fieldset
            id="f-microCredentials"
            class="checks"
            aria-describedby={mcError ? 'f-microCredentials-error' : undefined}
          >
            <legend>Micro-credentials to work on together</legend>
            {mcError && (
              <span id="f-microCredentials-error" class="error-text">
                {mcError}
              </span>
            )}
            {model.choices.map((m) => (
              <label for={`f-mc-${m.publicId}`}>
                <input
                  id={`f-mc-${m.publicId}`}
                  type="checkbox"
                  name="microCredentials"
                  value={m.publicId}
                  checked={model.chosen.includes(m.publicId)}
                />{' '}
                {m.title} ({m.organisation})
              </label>
            ))}
          </fieldset>
          <button type="submit">Start the team</button>
        </form>
      </section>
    </>
  );
}

// ---------------------------------------------------------------- one team

const STATUS: Record<string, string> = {
  'not started': 'Not started',
  in_progress: 'Working on it',
  submitted: 'Submitted',
  in_review: 'In review',
  needs_revision: 'Revising',
  passed: 'Earned',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
  rejected: 'Not passed',
};

export interface TeamModel {
  publicId: string;
  name: string;
  microCredentials: string[];
  members: Array<{
    name: string;
    progress: Array<{ microCredential: string; status: string; attempts: number }>;
  }>;
  invited: Array<{ email: string; until: string }>;
  inviteAction: string;
}

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
        status: STATUS[p.status] ?? p.status,
        attempts: p.attempts,
      })),
    })),
    invited: invited.map((i) => ({ email: i.email, until: i.expires_at.toISOString().slice(0, 10) })),
    inviteAction: `/teams/${teamPublicId}/invitations`,
  };
}

export function TeamView({
  model,
  form,
  csrfToken,
}: {
  model: TeamModel;
  form: FormState;
  csrfToken: string;
}) {
  return (
    <>
      <p class="muted">
        <a href="/teams">Your teams</a>
      </p>
      <h1>{model.name}</h1>
      <section class="card">
        <h2>Members and their progress</h2>
        <table>
          <TableHead columns={['Member', ...model.microCredentials]} />
          <tbody>
            {model.members.map((m) => (
              <tr>
                <th scope="row">{m.name}</th>
                {m.progress.map((p) => (
                  <td>
                    {p.status}
                    {p.attempts > 1 ? ` (${p.attempts} submissions)` : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>Invite a colleague</h2>
        <ErrorSummary form={form} />
        <form method="post" action={model.inviteAction} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <Field
            form={form}
            name="email"
            type="email"
            label="Their email"
            hint="They get a link to join; it works for 14 days."
            autocomplete="email"
            required
          />
          <button type="submit">Send the invitation</button>
        </form>
        {model.invited.length > 0 && (
          <>
            <h3>Invited, not joined yet</h3>
            <ul>
              {model.invited.map((i) => (
                <li>
                  {i.email} (the link works until {i.until})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

// ---------------------------------------------------------------- joining from the email link

export interface JoinModel {
  teamName: string;
  inviterName: string;
  email: string;
  action: string;
}

/** The invitation behind a link; an unknown, used or expired one is not found. */
export async function loadJoin(db: Db, token: string, now: Date): Promise<JoinModel> {
  const invitation = await invitationByToken(db, token, now);
  if (!invitation || !invitation.usable) throw notFound('teamInvitation');
  return {
    teamName: invitation.teamName,
    inviterName: invitation.inviterName ?? 'A colleague',
    email: invitation.email,
    action: `/teams/join/${token}`,
  };
}

export function JoinView({ model, csrfToken }: { model: JoinModel; csrfToken: string }) {
  return (
    <section class="card">
      <h1>Join the team “{model.teamName}”</h1>
      <p>
        {model.inviterName} invited {model.email} to work on micro-credentials together. Team members see each
        other’s progress (never evidence).
      </p>
      <ActionButton action={model.action} csrfToken={csrfToken} label="Join the team" />
    </section>
  );
}

// ---------------------------------------------------------------- routes

const list = (v: string | string[] | undefined) =>
  Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];

/** /teams: an earner's teams (learning communities), each team's page, invitations and joining from the email link. */
export function teamRoutes() {
  const r = new Hono<AppEnv>();
  const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

  const teamsPage = async (c: C, form: FormState, chosen: string[], status: ContentfulStatusCode = 200) => {
    const model = await loadTeams(c.var.deps.db, actor(c).userId, chosen);
    return page(c, 'Your teams', <TeamsView model={model} form={form} csrfToken={c.var.csrfToken} />, status);
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
        return redirectWith(c, `/teams/${publicId}`, 'success', 'Team started. Invite your colleagues.');
      },
      (form, status) => teamsPage(c, form, chosen, status),
    );
  });

  const teamPage = async (c: C, form: FormState, status: ContentfulStatusCode = 200) => {
    const model = await loadTeam(
      c.var.deps.db,
      actor(c).userId,
      c.req.param('id') ?? '',
      c.var.deps.clock.now(),
    );
    return page(c, model.name, <TeamView model={model} form={form} csrfToken={c.var.csrfToken} />, status);
  };
  r.get('/teams/:id', (c) => teamPage(c, emptyForm));
  r.post('/teams/:id/invitations', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await inviteToTeam(c.var.deps, { ...fields, actor: actor(c), team: c.req.param('id') });
        return redirectWith(
          c,
          `/teams/${c.req.param('id')}`,
          'success',
          `Invitation sent to ${String(fields.email)}.`,
        );
      },
      (form, status) => teamPage(c, form, status),
    );
  });

  r.get('/teams/join/:token', async (c) => {
    actor(c);
    const model = await loadJoin(c.var.deps.db, c.req.param('token'), c.var.deps.clock.now());
    return page(c, `Join ${model.teamName}`, <JoinView model={model} csrfToken={c.var.csrfToken} />);
  });
  r.post('/teams/join/:token', async (c) => {
    const { publicId } = await joinTeam(c.var.deps, { actor: actor(c), token: c.req.param('token') });
    return redirectWith(c, `/teams/${publicId}`, 'success', 'You joined the team.');
  });
  return r;
}
