import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { page } from '../render.tsx';

/** The start page: an introduction, or the way into your organisations. */
export function homeRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/', (c) => {
    const viewer = c.var.viewer;
    if (viewer?.activeOrganisation) return c.redirect(`/orgs/${viewer.activeOrganisation.slug}`, 303);
    return page(
      c,
      'Welcome',
      <>
        <h1>Micro-credentials people can trust</h1>
        <section class="card">
          <p>
            Cairn runs micro-credential programs from end to end: professionals apply and show evidence of one competency, trained peers review it
            against a rubric, issuers award signed Open Badges 3.0 credentials anyone can verify, and licensing boards and certification councils
            approve programs and count the badges toward renewal.
          </p>
          {viewer ? (
            <p>
              You do not belong to an organisation yet. <a href="/orgs/new">Create one</a>, or open the invitation link a colleague sent you.
            </p>
          ) : (
            <p>
              <a class="button" href="/signup">
                Create an account
              </a>{' '}
              or <a href="/login">log in</a>.
            </p>
          )}
        </section>
      </>,
    );
  });
  return r;
}
