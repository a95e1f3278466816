import type { Child } from 'hono/jsx';
import type { Viewer } from '../http/env.ts';
import { can } from '../domain/roles.ts';
import { CsrfField } from './forms.tsx';
import { styles } from './styles.ts';

export interface PageProps {
  title: string;
  viewer: Viewer | null;
  csrfToken: string;
  mailbox?: boolean;
  flash?: Flash | null;
  /** Extra tags for <head> (Open Graph, JSON-LD). */
  head?: Child;
  children?: Child;
}

export interface Flash {
  kind: 'success' | 'info' | 'error';
  text: string;
}

function Nav({ viewer, csrfToken, mailbox }: Pick<PageProps, 'viewer' | 'csrfToken' | 'mailbox'>) {
  const org = viewer?.activeOrganisation;
  // Items by role: an earner sees what earners use; staff menus appear with the roles that use them.
  const reviewer = viewer?.organisations.some((o) => o.roles.includes('reviewer')) ?? false;
  const staff = (viewer?.organisations.length ?? 0) > 0 || viewer?.is_platform_admin === true;
  return (
    <header class="top">
      <a class="brand" href="/">
        Cairn
      </a>
      <nav aria-label="Main">
        <ul>
          {viewer && org && (
            <>
              <li>
                <a href={`/orgs/${org.slug}`}>Overview</a>
              </li>
              <li>
                <a href={`/orgs/${org.slug}/members`}>Members</a>
              </li>
              {can(org.roles, 'audit.read') && (
                <li>
                  <a href={`/orgs/${org.slug}/audit`}>Audit log</a>
                </li>
              )}
              {can(org.roles, 'catalog.design') && org.kind !== 'recognizer' && (
                <li>
                  <a href={`/orgs/${org.slug}/micro-credentials`}>Micro-credentials</a>
                </li>
              )}
              {can(org.roles, 'credentials.issue') && org.kind !== 'recognizer' && (
                <li>
                  <a href={`/orgs/${org.slug}/credentials`}>Credentials</a>
                </li>
              )}
              {can(org.roles, 'applications.read') && org.kind !== 'recognizer' && (
                <>
                  <li>
                    <a href={`/orgs/${org.slug}/review-queue`}>Review queue</a>
                  </li>
                  <li>
                    <a href={`/orgs/${org.slug}/proof-queue`}>Proof & fees</a>
                  </li>
                  <li>
                    <a href={`/orgs/${org.slug}/analytics`}>Analytics</a>
                  </li>
                </>
              )}
              {can(org.roles, 'tokens.manage') && org.kind !== 'recognizer' && (
                <li>
                  <a href={`/orgs/${org.slug}/tokens`}>API tokens</a>
                </li>
              )}
              {can(org.roles, 'tokens.manage') && (
                <li>
                  <a href={`/orgs/${org.slug}/webhooks`}>Webhooks</a>
                </li>
              )}
              {can(org.roles, 'recognition.read') && org.kind !== 'issuer' && (
                <li>
                  <a href={`/orgs/${org.slug}/recognition/queue`}>Recognition</a>
                </li>
              )}
              {can(org.roles, 'recognition.read') && org.kind !== 'issuer' && (
                <li>
                  <a href={`/orgs/${org.slug}/recognition/notices`}>Completion notices</a>
                </li>
              )}
              {can(org.roles, 'recognition.submit') && org.kind !== 'recognizer' && (
                <li>
                  <a href={`/orgs/${org.slug}/recognition/submissions`}>Recognition submissions</a>
                </li>
              )}
            </>
          )}
          <li>
            <a href="/catalog">Catalog</a>
          </li>
          <li>
            <a href="/verify">Verify a badge</a>
          </li>
          {viewer && (
            <li>
              <a href="/applications">My applications</a>
            </li>
          )}
          {viewer && (
            <li>
              <a href="/backpack">Backpack</a>
            </li>
          )}
          {viewer && (
            <li>
              <a href="/me/licenses">Licenses</a>
            </li>
          )}
          {viewer && (
            <li>
              <a href="/teams">Teams</a>
            </li>
          )}
          {reviewer && (
            <li>
              <a href="/reviews">Reviews</a>
            </li>
          )}
          {viewer && (
            <li>
              <a href="/inbox">
                Inbox
                {viewer.unreadNotifications ? (
                  <>
                    {' '}
                    <span
                      class="count"
                      style="background:#b3261e;color:#fff;border-radius:9px;padding:0 6px;font-size:0.85em"
                    >
                      {viewer.unreadNotifications}
                      <span class="visually-hidden"> unread</span>
                    </span>
                  </>
                ) : null}
              </a>
            </li>
          )}
          {viewer?.is_platform_admin && (
            <li>
              <a href="/admin/jobs">Jobs</a>
            </li>
          )}
          {mailbox && (!viewer || staff) && (
            <li>
              <a href="/dev/mailbox">Mailbox</a>
            </li>
          )}
        </ul>
      </nav>
      <div class="account">
        {viewer ? (
          <>
            {viewer.organisations.length > 0 && (
              <form method="post" action="/switch-organisation" class="switcher">
                <CsrfField token={csrfToken} />
                <label for="switch-org" class="visually-hidden">
                  Current organisation
                </label>
                <select id="switch-org" name="slug">
                  {viewer.organisations.map((o) => (
                    <option value={o.slug} selected={o.slug === org?.slug}>
                      {o.name}
                    </option>
                  ))}
                </select>
                <button type="submit" class="secondary">
                  Switch
                </button>
              </form>
            )}
            {staff && <a href="/orgs/new">New organisation</a>}
            <a href="/profile">{viewer.name}</a>
            <form method="post" action="/logout" class="inline">
              <CsrfField token={csrfToken} />
              <button type="submit" class="link">
                Log out
              </button>
            </form>
          </>
        ) : (
          <>
            <a href="/login">Log in</a>
            <a href="/signup" class="button">
              Sign up
            </a>
          </>
        )}
      </div>
    </header>
  );
}

/** The page frame every server-rendered page shares. */
export function Layout(props: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Cairn`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style>{styles}</style>
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <Nav viewer={props.viewer} csrfToken={props.csrfToken} mailbox={props.mailbox} />
        <main id="main">
          {props.flash && (
            <p class={`flash ${props.flash.kind}`} role={props.flash.kind === 'error' ? 'alert' : 'status'}>
              {props.flash.text}
            </p>
          )}
          {props.children}
        </main>
        <footer>
          <p>Cairn — open micro-credentials and Open Badges 3.0.</p>
        </footer>
      </body>
    </html>
  );
}
