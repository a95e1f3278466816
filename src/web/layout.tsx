import type { Child } from 'hono/jsx';
import type { Viewer } from '../http/env.ts';
import { CsrfField } from './forms.tsx';
import { assetPath } from './assets/registry.ts';
import { I18nContext, useT } from './i18n/context.ts';
import { CATALOGUES, LOCALES, type Translator } from './i18n/i18n.ts';
import { Nav } from './components/Nav.tsx';
import { FlashMessage, type Flash } from './components/Flash.tsx';
import { THEMES, type Theme } from './preferences.ts';

export type { Flash } from './components/Flash.tsx';

export interface PageProps {
  title: string;
  viewer: Viewer | null;
  csrfToken: string;
  /** The reader's language (messages, dates, numbers) and colour theme. */
  i18n: Translator;
  theme: Theme;
  /** The path shown, to mark the current navigation link. */
  path: string;
  mailbox?: boolean;
  flash?: Flash | null;
  /** Extra tags for <head> (Open Graph, JSON-LD). */
  head?: Child;
  children?: Child;
}

/** The page frame every server-rendered page shares; the translator is the render context's. */
export function Layout(props: PageProps) {
  const { t } = props.i18n;
  return (
    <html lang={props.i18n.locale} data-theme={props.theme === 'system' ? undefined : props.theme}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t('layout.title', { title: props.title })}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={assetPath('app.css')} />
        {props.head}
      </head>
      <I18nContext.Provider value={props.i18n}>
        <body>
          <a class="skip" href="#main">
            {t('layout.skip')}
          </a>
          <header class="top">
            <a class="brand" href="/">
              {t('layout.brand')}
            </a>
            <Account viewer={props.viewer} csrfToken={props.csrfToken} />
            <Nav viewer={props.viewer} mailbox={props.mailbox ?? false} path={props.path} />
          </header>
          <main id="main">
            {props.flash && <FlashMessage flash={props.flash} />}
            {props.children}
          </main>
          <footer class="site">
            <p>{t('layout.footer')}</p>
            <PreferencesForm csrfToken={props.csrfToken} theme={props.theme} path={props.path} />
          </footer>
        </body>
      </I18nContext.Provider>
    </html>
  );
}

/** The signed-in person's controls (organisation switcher, new organisation, profile, log out), or log in / sign up. */
function Account({ viewer, csrfToken }: { viewer: Viewer | null; csrfToken: string }) {
  const { t } = useT();
  if (!viewer)
    return (
      <div class="account">
        <a href="/login">{t('account.logIn')}</a>
        <a href="/signup" class="button">
          {t('account.signUp')}
        </a>
      </div>
    );
  const org = viewer.activeOrganisation;
  const staff = viewer.organisations.length > 0 || viewer.is_platform_admin;
  return (
    <div class="account">
      {viewer.organisations.length > 0 && (
        <form method="post" action="/switch-organisation" class="switcher">
          <CsrfField token={csrfToken} />
          <label for="switch-org" class="visually-hidden">
            {t('account.currentOrganisation')}
          </label>
          <select id="switch-org" name="slug">
            {viewer.organisations.map((o) => (
              <option value={o.slug} selected={o.slug === org?.slug}>
                {o.name}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {t('account.switch')}
          </button>
        </form>
      )}
      {staff && <a href="/orgs/new">{t('account.newOrganisation')}</a>}
      <a href="/profile">{viewer.name}</a>
      <form method="post" action="/logout" class="inline">
        <CsrfField token={csrfToken} />
        <button type="submit" class="link">
          {t('account.logOut')}
        </button>
      </form>
    </div>
  );
}

/** Language and theme, saved in cookies by POST /preferences (works without JavaScript). */
function PreferencesForm({ csrfToken, theme, path }: { csrfToken: string; theme: Theme; path: string }) {
  const { t, locale } = useT();
  return (
    <form method="post" action="/preferences" class="preferences" aria-label={t('preferences.label')}>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="next" value={path} />
      <div class="field">
        <label for="pref-locale">{t('preferences.language')}</label>
        <select id="pref-locale" name="locale">
          {LOCALES.map((l) => (
            <option value={l} selected={l === locale} lang={l}>
              {CATALOGUES[l].languages[l]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="pref-theme">{t('preferences.theme')}</label>
        <select id="pref-theme" name="theme">
          {THEMES.map((th) => (
            <option value={th} selected={th === theme}>
              {t(`preferences.themes.${th}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        {t('preferences.save')}
      </button>
    </form>
  );
}
