import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppEnv } from '../../../../http/env.ts';
import { publicIdParam, routeParams, slugParam } from '../../../../http/params.ts';
import { requireViewer } from '../../../../http/middleware/session.ts';
import type { Actor } from '../../../../domain/commands.ts';
import { can } from '../../../../domain/roles.ts';
import { emptyForm, type FormState } from '../../../../web/forms.tsx';
import { requestTranslator } from '../../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../../web/render.tsx';
import { requireMember } from '../../../accounts/index.ts';
import { decideSession, withdrawSession } from '../commands/decideSession.ts';
import { requestSession } from '../commands/requestSession.ts';
import { loadSession } from '../commands/sessionAccess.ts';
import { uploadRoster } from '../commands/uploadRoster.ts';
import { sessionPaths } from '../paths.ts';
import {
  councilQueue,
  invitationCounts,
  invitationsOf,
  preApprovableMicroCredentials,
  providerSessions,
} from '../queries/sessions.ts';
import { SessionPageView, type SessionForm, type SessionPageModel } from './sessionPageView.tsx';
import { MySessionsView, QueueView, RequestView } from './sessionsView.tsx';

type C = Context<AppEnv>;
const orgParams = z.object({ slug: slugParam });
const sessionParams = z.object({ slug: slugParam, id: publicIdParam });
const actorOf = (c: C): Actor => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

/** The provider's sessions with their invitation counts. */
export async function loadMySessions(c: C) {
  const { slug } = routeParams(c, orgParams);
  const { db } = c.var.deps;
  const { organisation } = await requireMember(db, slug, actorOf(c).userId, 'recognition.submit');
  const sessions = await providerSessions(db, organisation.id);
  const counts = await invitationCounts(
    db,
    sessions.map((s) => s.id),
  );
  return {
    slug: organisation.slug,
    sessions: sessions.map((s) => ({
      ...s,
      invited: counts.get(s.id)?.invited ?? 0,
      applied: counts.get(s.id)?.applied ?? 0,
    })),
  };
}

/** The council's queue: awaiting a decision, or every session (`?show=all`). */
export async function loadQueue(c: C) {
  const { slug } = routeParams(c, orgParams);
  const { db } = c.var.deps;
  const { organisation } = await requireMember(db, slug, actorOf(c).userId, 'recognition.read');
  const which = c.req.query('show') === 'all' ? ('all' as const) : ('open' as const);
  return { slug: organisation.slug, which, sessions: await councilQueue(db, organisation.id, which) };
}

export async function loadRequest(c: C, form: FormState) {
  const { slug } = routeParams(c, orgParams);
  const { db } = c.var.deps;
  const { organisation } = await requireMember(db, slug, actorOf(c).userId, 'recognition.submit');
  const mcs = await preApprovableMicroCredentials(db);
  return {
    slug: organisation.slug,
    options: mcs.map((m): [string, string] => [m.public_id, `${m.organisation_name} — ${m.title}`]),
    form,
    csrfToken: c.var.csrfToken,
  };
}

export async function loadSessionPage(
  c: C,
  failed: SessionPageModel['failed'] = {},
): Promise<SessionPageModel> {
  const { slug, id } = routeParams(c, sessionParams);
  const { db } = c.var.deps;
  const who = await loadSession(db, slug, actorOf(c).userId, id);
  const s = who.session;
  return {
    slug: who.organisation.slug,
    session: s,
    asCouncil: who.council,
    canDecide: who.council && can(who.roles, 'recognition.manage') && s.status === 'submitted',
    canWithdraw: who.provider && s.status === 'submitted',
    canUpload: who.provider && s.status === 'approved',
    invitations: s.status === 'approved' ? await invitationsOf(db, s.id) : null,
    failed,
    csrfToken: c.var.csrfToken,
  };
}

/** The roster file's text ('' when none was chosen; the command judges it after checking access). */
async function rosterText(c: C): Promise<string> {
  const file = (await c.req.parseBody()).roster;
  return file instanceof File ? file.text() : '';
}

/** The session pages: provider (request, list, roster), council (queue, decide). */
export function sessionRoutes() {
  const r = new Hono<AppEnv>();
  const t = (c: C) => requestTranslator(c).t;
  r.get(sessionPaths.mine(':slug'), async (c) =>
    page(c, t(c)('programA.sessions.mine.title'), <MySessionsView {...await loadMySessions(c)} />),
  );
  r.get(sessionPaths.queue(':slug'), async (c) =>
    page(c, t(c)('programA.sessions.queue.title'), <QueueView {...await loadQueue(c)} />),
  );
  const requestPage = async (c: C, form: FormState, status: 200 | 422 = 200) =>
    page(c, t(c)('programA.sessions.request.title'), <RequestView {...await loadRequest(c, form)} />, status);
  r.get(sessionPaths.request(':slug'), (c) => requestPage(c, emptyForm));
  r.post(sessionPaths.request(':slug'), async (c) => {
    const { slug } = routeParams(c, orgParams);
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const { publicId } = await requestSession(c.var.deps, {
          ...fields,
          actor: actorOf(c),
          orgSlug: slug,
        });
        return redirectWith(
          c,
          sessionPaths.session(slug, publicId),
          'success',
          t(c)('programA.sessions.request.done'),
        );
      },
      (form, status) => requestPage(c, form, status as 422),
    );
  });
  const sessionPage = async (
    c: C,
    failed: SessionPageModel['failed'] = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const model = await loadSessionPage(c, failed);
    return page(c, model.session.title, <SessionPageView {...model} />, status);
  };
  r.get(sessionPaths.session(':slug', ':id'), (c) => sessionPage(c));
  const step = (
    name: SessionForm | 'withdraw',
    run: (
      c: C,
      fields: Record<string, string | string[]>,
      target: { actor: Actor; orgSlug: string; session: string },
    ) => Promise<string>,
  ) =>
    r.post(sessionPaths.step(':slug', ':id', name === 'roster' ? 'roster' : name), async (c) => {
      const { slug, id } = routeParams(c, sessionParams);
      const fields = name === 'roster' ? {} : await formFields(c);
      const target = { actor: actorOf(c), orgSlug: slug, session: id };
      return handleForm(
        c,
        fields,
        async () => redirectWith(c, sessionPaths.session(slug, id), 'success', await run(c, fields, target)),
        (form, status) => sessionPage(c, name === 'withdraw' ? { form } : { name, form }, status),
      );
    });
  stepRoutes(step, t);
  return r;
}

type StepRun = (
  c: C,
  fields: Record<string, string | string[]>,
  target: { actor: Actor; orgSlug: string; session: string },
) => Promise<string>;

/** The four steps on a session and what the actor is told after each. */
function stepRoutes(
  step: (name: SessionForm | 'withdraw', run: StepRun) => void,
  t: (c: C) => ReturnType<typeof requestTranslator>['t'],
) {
  step('approve', async (c, fields, target) => {
    await decideSession(c.var.deps, { ...fields, ...target, decision: 'approve' });
    return t(c)('programA.sessions.decide.approved');
  });
  step('decline', async (c, fields, target) => {
    await decideSession(c.var.deps, { ...fields, ...target, decision: 'decline' });
    return t(c)('programA.sessions.decide.declined');
  });
  step('withdraw', async (c, _fields, target) => {
    await withdrawSession(c.var.deps, target);
    return t(c)('programA.sessions.withdraw.done');
  });
  step('roster', async (c, _fields, target) => {
    const { added, alreadyInvited } = await uploadRoster(c.var.deps, { ...target, csv: await rosterText(c) });
    return t(c)('programA.sessions.roster.uploaded', { added, already: alreadyInvited });
  });
}
