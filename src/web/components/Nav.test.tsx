import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Viewer } from '../../http/env.ts';
import { Nav } from './Nav.tsx';
import { isCurrent, navGroups } from './navItems.ts';
import { renderIn } from './testRender.tsx';

function viewer(roles: string[], kind = 'issuer', admin = false): Viewer {
  const org = {
    organisation_id: 1,
    slug: 'u',
    name: 'Union Academy',
    kind,
    roles,
  } as unknown as Viewer['activeOrganisation'];
  return {
    session_id: 1,
    user_id: 1,
    user_public_id: 'usr_1',
    name: 'Ada',
    is_platform_admin: admin,
    active_organisation_id: roles.length ? 1 : null,
    last_seen_at: new Date(0),
    sessionToken: 't',
    organisations: roles.length ? [org!] : [],
    activeOrganisation: roles.length ? org : null,
    unreadNotifications: 0,
  };
}
const labels = (v: Viewer | null, mailbox = false) =>
  navGroups(v, { mailbox }).map(
    (g) => `${g.id}: ${g.items.map((i) => i.label.replace('nav.', '')).join(' ')}`,
  );

test('navGroups: grouped by who uses them; staff get their organisation’s tools as their roles allow', () => {
  assert.deepEqual(labels(null), ['explore: catalog verify']);
  assert.deepEqual(labels(viewer([])), [
    'explore: catalog verify',
    'learning: applications backpack licenses teams inbox',
  ]);
  const reviewer = labels(viewer(['reviewer']));
  assert.match(reviewer[1]!, /reviews inbox$/);
  const owner = labels(viewer(['owner'], 'both', true), true);
  assert.equal(owner.length, 4);
  assert.match(
    owner[3]!,
    /^organisation: overview members microCredentials credentials reviewQueue proofAndFees analytics recognition completionNotices recognitionSubmissions programA.sessions.nav programA.sessions.navQueue audit apiTokens webhooks$/,
  );
  assert.equal(owner[2], 'admin: jobs mailbox');
  assert.doesNotMatch(labels(viewer(['owner'], 'recognizer'))[2]!, /credentials|reviewQueue|apiTokens/);
});

test('Nav: one "Main" landmark behind a Menu button on phones; the current page marked; Spanish when asked', () => {
  const html = renderIn(
    'es',
    <Nav viewer={viewer(['issuing_staff'])} mailbox={false} path="/orgs/u/members" />,
  );
  assert.match(html, /^<details class="site-nav"><summary>Menú<\/summary><nav aria-label="Principal">/);
  assert.match(
    html,
    /<span class="nav-heading" id="nav-organisation">Union Academy<\/span><ul aria-labelledby="nav-organisation">/,
  );
  assert.match(html, /<a href="\/orgs\/u\/members" class="nav-link" aria-current="page">Miembros<\/a>/);
  assert.match(html, /<a href="\/orgs\/u" class="nav-link">Resumen<\/a>/);
  assert.ok(isCurrent('/backpack', '/backpack/collections'));
  assert.ok(!isCurrent('/orgs/u', '/orgs/u/members'));
});

test('Nav: the unread count beside Inbox, said in words for screen readers', () => {
  const html = renderIn(
    'en',
    <Nav viewer={{ ...viewer([]), unreadNotifications: 4 }} mailbox={false} path="/" />,
  );
  assert.match(
    html,
    /<a href="\/inbox" class="nav-link">Inbox <span class="count">4<span class="visually-hidden"> unread<\/span><\/span><\/a>/,
  );
});
