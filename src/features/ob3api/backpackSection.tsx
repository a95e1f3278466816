import type { Context } from 'hono';
import { importedBadgesOf, issuedBadgesOf } from '../backpack/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { ActionButton, CsrfField } from '../../web/forms.tsx';
import { connectionsOf } from './queries.ts';

/**
 * The backpack page's "Other backpacks" part: connect this backpack to another Open Badges 3.0
 * host, and send any badge there ("Send to <host>"). Awaited before rendering the page.
 */
export async function connectionsSection(c: Context<AppEnv>) {
  const viewer = c.var.viewer;
  if (!viewer) return null;
  const { db, clock } = c.var.deps;
  const csrf = c.var.csrfToken;
  const connections = (await connectionsOf(db, viewer.user_id)).filter((x) => x.state === 'connected');
  const badges = connections.length
    ? [
        ...(await issuedBadgesOf(db, viewer.user_id, clock.now()))
          .filter((b) => b.claim !== 'declined')
          .map((b) => ({ ref: `issued:${b.publicId}`, name: b.name })),
        ...(await importedBadgesOf(db, viewer.user_id))
          .filter((b) => b.report_format !== 'ob2')
          .map((b) => ({ ref: `imported:${b.public_id}`, name: b.name })),
      ]
    : [];
  return (
    <section class="card" id="connections" aria-labelledby="h-connections">
      <h2 id="h-connections">Other backpacks</h2>
      <p class="muted">
        Connect a backpack on another Open Badges 3.0 platform, then send your badges there.
      </p>
      {connections.map((x) => (
        <div>
          <h3>{x.host_name}</h3>
          <p class="muted">
            {x.base_url}{' '}
            <ActionButton
              action={`/backpack/connections/${x.public_id}/remove`}
              csrfToken={csrf}
              label="Remove connection"
              variant="secondary"
            />
          </p>
          {badges.length === 0 && <p class="muted">You have no badges to send yet.</p>}
          <ul class="plain-list">
            {badges.map((b) => (
              <li>
                {b.name}{' '}
                <ActionButton
                  action={`/backpack/connections/${x.public_id}/send`}
                  csrfToken={csrf}
                  label={`Send to ${x.host_name}`}
                  variant="secondary"
                  hidden={{ badge: b.ref }}
                />
              </li>
            ))}
          </ul>
        </div>
      ))}
      <form method="post" action="/backpack/connections" class="stack">
        <CsrfField token={csrf} />
        <label for="ob3-url">Connect a backpack: the other platform's web address</label>
        <input id="ob3-url" name="url" type="url" required placeholder="https://badges.example.org" />
        <button type="submit">Connect</button>
      </form>
    </section>
  );
}
