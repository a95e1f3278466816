import type { Context } from 'hono';
import { badgeName, importedBadgesOf, issuedBadgesOf } from '../backpack/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { ActionButton, CsrfField } from '../../web/forms.tsx';
import { useT } from '../../web/i18n/context.ts';
import { connectionsOf } from './queries.ts';

/** What the "Other backpacks" part shows: the connected hosts and the badges that can be sent. */
export interface ConnectionsModel {
  connections: Array<{ public_id: string; host_name: string; base_url: string }>;
  /** Each badge that can be sent; an imported badge that names itself nowhere has no name (null). */
  badges: Array<{ ref: string; name: string | null }>;
}

/**
 * The backpack page's "Other backpacks" part: connect this backpack to another Open Badges 3.0
 * host, and send any badge there ("Send to <host>"). Awaited before rendering the page.
 */
export async function connectionsSection(c: Context<AppEnv>) {
  const viewer = c.var.viewer;
  if (!viewer) return null;
  const { db, clock } = c.var.deps;
  const connections = (await connectionsOf(db, viewer.user_id))
    .filter((x) => x.state === 'connected')
    .map(({ public_id, host_name, base_url }) => ({ public_id, host_name, base_url }));
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
  return <ConnectionsView model={{ connections, badges }} csrf={c.var.csrfToken} />;
}

/** The "Other backpacks" part of the backpack page, in the reader's language. */
export function ConnectionsView({ model, csrf }: { model: ConnectionsModel; csrf: string }) {
  const i18n = useT();
  const { t } = i18n;
  const { connections, badges } = model;
  return (
    <section class="card" id="connections" aria-labelledby="h-connections">
      <h2 id="h-connections">{t('backpack.connections.heading')}</h2>
      <p class="muted">{t('backpack.connections.intro')}</p>
      {connections.map((x) => (
        <div>
          <h3>{x.host_name}</h3>
          <p class="muted">
            {x.base_url}{' '}
            <ActionButton
              action={`/backpack/connections/${x.public_id}/remove`}
              csrfToken={csrf}
              label={t('backpack.connections.remove')}
              variant="secondary"
            />
          </p>
          {badges.length === 0 && <p class="muted">{t('backpack.connections.nothingToSend')}</p>}
          <ul class="plain-list">
            {badges.map((b) => (
              <li>
                {badgeName(i18n, b.name)}{' '}
                <ActionButton
                  action={`/backpack/connections/${x.public_id}/send`}
                  csrfToken={csrf}
                  label={t('backpack.connections.sendTo', { host: x.host_name })}
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
        <label for="ob3-url">{t('backpack.connections.urlLabel')}</label>
        <input
          id="ob3-url"
          name="url"
          type="url"
          required
          placeholder={t('backpack.connections.urlPlaceholder')}
        />
        <button type="submit">{t('backpack.connections.connect')}</button>
      </form>
    </section>
  );
}
