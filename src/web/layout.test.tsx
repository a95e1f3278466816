import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Viewer } from '../http/env.ts';
import { CATALOGUES, LOCALES, translator, type Locale } from './i18n/i18n.ts';
import { Layout } from './layout.tsx';
import type { Theme } from './preferences.ts';
import { textsOutsideCatalogue } from './i18n/catalogueCheck.tsx';

const member = (roles: string[], kind: 'issuer' | 'recognizer' | 'both' = 'issuer') => ({
  organisation_id: 1,
  slug: 'union',
  name: 'Union Academy',
  kind,
  roles,
});

const VIEWERS: Record<string, Viewer | null> = {
  visitor: null,
  earner: viewer([], false),
  staff: viewer([member(['owner'], 'both')], false),
  admin: viewer([member(['owner'])], true),
};

function viewer(organisations: ReturnType<typeof member>[], admin: boolean): Viewer {
  return {
    session_id: 1,
    user_id: 1,
    user_public_id: 'usr_1',
    name: 'Ada Lovelace',
    is_platform_admin: admin,
    active_organisation_id: organisations.length ? 1 : null,
    last_seen_at: new Date(0),
    sessionToken: 'token',
    organisations: organisations as unknown as Viewer['organisations'],
    activeOrganisation: (organisations[0] ?? null) as Viewer['activeOrganisation'],
    unreadNotifications: 3,
  };
}

function render(locale: Locale, who: Viewer | null, options: { pseudo?: boolean; theme?: Theme } = {}) {
  return String(
    <Layout
      title="Title"
      viewer={who}
      csrfToken="csrf"
      i18n={translator(locale, { pseudo: options.pseudo ?? false })}
      theme={options.theme ?? 'system'}
      path="/"
      mailbox
      flash={{ kind: 'success', text: 'Flash text' }}
    >
      <p>Body</p>
    </Layout>,
  );
}

describe('the layout', () => {
  // Everything the kernel writes on the frame comes from the catalogue: rendered with a pseudo
  // locale that wraps each message in ⟦ ⟧, any text outside the wrapping is a string that
  // bypassed t(). Allowed: what the test itself passed in, and names (people, organisations,
  // languages in their own words, the count).
  const DATA = new Set([
    'Title',
    'Body',
    'Flash text',
    'Ada Lovelace',
    'Union Academy',
    '3',
    'English',
    'Español',
  ]);
  for (const [who, v] of Object.entries(VIEWERS)) {
    test(`shows no text outside the catalogue (${who})`, () => {
      for (const locale of LOCALES) {
        const loose = textsOutsideCatalogue(render(locale, v, { pseudo: true }), DATA);
        assert.deepEqual(loose, [], `${who} in ${locale}: text not from the catalogue`);
      }
    });
  }

  test('speaks Spanish when asked: lang, title, navigation, account, footer', () => {
    const html = render('es', VIEWERS.staff!);
    assert.match(html, /<html lang="es">/);
    assert.match(html, /<title>Title · Cairn<\/title>/);
    for (const message of [
      CATALOGUES.es.nav.catalog,
      CATALOGUES.es.nav.groups.learning,
      CATALOGUES.es.nav.reviewQueue,
      CATALOGUES.es.account.logOut,
      CATALOGUES.es.layout.skip,
      CATALOGUES.es.flash.success,
    ])
      assert.ok(html.includes(message.replace(/&/g, '&amp;')), message);
    for (const english of ['Log out', 'Skip to content', 'Review queue', 'My applications'])
      assert.ok(!html.includes(`>${english}<`), `no English "${english}"`);
  });

  test('links one hashed stylesheet; no inline style or script anywhere in the frame', () => {
    for (const who of Object.values(VIEWERS)) {
      const html = render('en', who);
      assert.match(html, /<link rel="stylesheet" href="\/assets\/app\.[0-9a-f]{10}\.css"\/?>/);
      assert.doesNotMatch(html, /\sstyle=|<style|<script(?![^>]*\ssrc=)/);
    }
  });

  test('the theme chosen is on <html>; the system theme leaves it to prefers-color-scheme', () => {
    assert.match(render('en', null, { theme: 'dark' }), /<html lang="en" data-theme="dark">/);
    assert.match(render('en', null, { theme: 'system' }), /<html lang="en">/);
  });
});
