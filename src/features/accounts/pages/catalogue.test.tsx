import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Child } from 'hono/jsx';
import { API_SCOPES } from '../../../http/apiTokens.ts';
import { CATALOGUES, LOCALES, type Locale } from '../../../web/i18n/i18n.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { pseudo, renderWith, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { commandMessage, recogniseMessage } from '../../../web/i18n/commandMessages.ts';
import { accountMessage, translateForm, translateMessage, type AccountMessage } from '../messages.ts';
import {
  CheckEmailView,
  EmailOnlyView,
  LinkProblemView,
  LogInView,
  ResetView,
  SignUpView,
} from './authViews.tsx';
import { ProfileView } from './profileView.tsx';
import type { ProfileModel } from './profileLoader.ts';
import { MembersView, NewOrganisationView, OverviewView } from './organisationViews.tsx';
import type { MembersModel, OverviewModel } from './organisationLoader.ts';
import { InvitationView } from './invitationView.tsx';
import { TokensView } from './apiTokensView.tsx';
import type { TokensModel } from './apiTokensLoader.ts';

// Every accounts page, rendered with the pseudo translator in each language, shows no text that
// did not come from the catalogue, apart from the data below (names, addresses, ids, dates).

const AT = new Date('2026-03-04T05:06:00Z');
const DATA = [
  'Ada Lovelace',
  'ada@example.org',
  'ada@home.example',
  'Union Academy',
  'https://union.example',
  'Teaching with evidence',
  'did:web:cairn.test:orgs:union',
  'cairn_secret_token',
  'LMS',
  'badge.imported',
  ...API_SCOPES,
];

const profile: ProfileModel = {
  name: 'Ada Lovelace',
  locale: 'es',
  emails: [
    { id: 1, email: 'ada@example.org', primary: true, confirmed: true },
    { id: 2, email: 'ada@home.example', primary: false, confirmed: false },
  ],
  pathways: [
    { name: 'Teaching with evidence', organisation: 'Union Academy', done: 1, needed: 3, complete: false },
  ],
  activity: [
    { at: AT, action: 'user.logged_in', ip: '203.0.113.9' },
    { at: AT, action: 'user.password_changed', ip: null },
    { at: AT, action: 'badge.imported', ip: null },
  ],
};
const overview: OverviewModel = {
  name: 'Union Academy',
  slug: 'union',
  kind: 'both',
  description: '',
  website: 'https://union.example',
  roles: ['owner', 'reviewer'],
  memberCount: 2,
  canReadAudit: true,
  canExport: true,
};
const members: MembersModel = {
  name: 'Union Academy',
  slug: 'union',
  canManage: true,
  canInvite: true,
  members: [
    { publicId: 'usr_1', name: 'Ada Lovelace', email: 'ada@example.org', roles: ['owner'], isViewer: true },
    {
      publicId: 'usr_2',
      name: 'Ada Lovelace',
      email: 'ada@home.example',
      roles: ['reviewer'],
      isViewer: false,
    },
  ],
  invitations: (['pending', 'accepted', 'withdrawn', 'expired'] as const).map((state, i) => ({
    publicId: `inv_${i}`,
    email: 'ada@home.example',
    roles: ['designer', 'issuing_staff'],
    state,
  })),
};
const tokens: TokensModel = {
  name: 'Union Academy',
  slug: 'union',
  did: 'did:web:cairn.test:orgs:union',
  tokens: [
    {
      public_id: 'tok_1',
      name: 'LMS',
      scopes: [...API_SCOPES],
      created_at: AT,
      last_used_at: AT,
      revoked_at: null,
    },
    { public_id: 'tok_2', name: 'LMS', scopes: [], created_at: AT, last_used_at: null, revoked_at: AT },
  ] as TokensModel['tokens'],
};

/** A failed form as a command leaves it (English), then as the page shows it. */
const failed = (locale: Locale, errors: Record<string, string>, message?: string): FormState =>
  translateForm(pseudo(locale), {
    values: { email: 'ada@example.org' },
    errors,
    ...(message ? { message } : {}),
  });

function pages(locale: Locale): Record<string, Child> {
  const t = pseudo(locale);
  const emailError = failed(locale, { email: accountMessage('emailFormat') });
  return {
    signUp: (
      <SignUpView
        csrf="c"
        form={failed(locale, {
          name: accountMessage('enterName'),
          password: accountMessage('passwordShort'),
        })}
      />
    ),
    logIn: (
      <LogInView
        csrf="c"
        form={failed(locale, { password: accountMessage('checkBoth') }, accountMessage('noMatch'))}
        next="/x"
      />
    ),
    forgot: <EmailOnlyView csrf="c" form={emailError} kind="forgot" />,
    resend: <EmailOnlyView csrf="c" form={emptyForm} kind="resend" />,
    reset: (
      <ResetView csrf="c" form={failed(locale, { confirm: accountMessage('passwordsDiffer') })} token="tok" />
    ),
    checkEmail: <CheckEmailView />,
    confirmProblem: (
      <LinkProblemView
        heading={t.t('accounts.confirm.heading')}
        message={translateMessage(t, accountMessage('linkUsed'))}
        link={{ href: '/resend-confirmation', text: t.t('accounts.confirm.newLink') }}
      />
    ),
    profile: (
      <ProfileView
        model={profile}
        forms={{
          email: failed(locale, { email: accountMessage('addressTaken') }, accountMessage('addressTaken')),
        }}
        csrf="c"
      />
    ),
    newOrganisation: (
      <NewOrganisationView
        form={failed(locale, {
          kind: accountMessage('chooseKind'),
          slug: accountMessage('slugTakenField', { slug: 'union' }),
        })}
        csrf="c"
      />
    ),
    overview: <OverviewView model={overview} csrf="c" />,
    members: (
      <MembersView
        model={members}
        inviteForm={failed(locale, { roles: accountMessage('chooseRole') })}
        csrf="c"
      />
    ),
    invitationVisitor: (
      <InvitationView
        model={{
          organisation: 'Union Academy',
          email: 'ada@example.org',
          roles: ['reviewer'],
          here: '/invitations/x',
          loggedIn: false,
        }}
        csrf="c"
      />
    ),
    invitationMember: (
      <InvitationView
        model={{
          organisation: 'Union Academy',
          email: 'ada@example.org',
          roles: ['reviewer'],
          here: '/invitations/x',
          loggedIn: true,
        }}
        csrf="c"
      />
    ),
    tokens: (
      <TokensView
        model={tokens}
        form={failed(locale, { scopes: accountMessage('chooseScope') })}
        created="cairn_secret_token"
        csrfToken="c"
      />
    ),
  };
}

describe('the accounts pages and the catalogue', () => {
  for (const locale of LOCALES) {
    test(`show no text outside the catalogue (${locale})`, () => {
      const t = pseudo(locale);
      const dates = [t.date(AT), t.date(AT, { withTime: true })];
      for (const [name, view] of Object.entries(pages(locale))) {
        const loose = textsOutsideCatalogue(renderWith(t, view), [...DATA, ...dates]);
        assert.deepEqual(loose, [], `${name} in ${locale}: text not from the catalogue`);
      }
    });
  }

  test('every command message is recognised, placeholders and all, and said in Spanish', () => {
    const samples: Partial<Record<AccountMessage, Record<string, string | number>>> = {
      invitationForOther: { email: 'ada@example.org' },
      unknownScope: { scopes: 'a, b' },
      slugTakenField: { slug: 'union' },
      tooManyAttempts: { minutes: 7 },
    };
    const es = pseudo('es');
    for (const key of Object.keys(CATALOGUES.en.accounts.errors) as AccountMessage[]) {
      const english = accountMessage(key, samples[key]);
      const known = recogniseMessage(english);
      // Another catalogue message may say exactly the same words: either reads back the same.
      assert.ok(known, `"${english}" is not recognised`);
      assert.equal(commandMessage(known.key, known.values), english, key);
      assert.notEqual(translateMessage(es, english), english, key);
    }
    assert.equal(
      translateMessage(
        pseudo('es'),
        accountMessage('invitationForOther', { email: 'bo@example.org' }),
      ).includes('bo@example.org'),
      true,
    );
    assert.equal(translateMessage(pseudo('es'), 'Something from elsewhere.'), 'Something from elsewhere.');
  });
});
