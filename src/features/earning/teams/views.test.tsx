import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../../web/i18n/i18n.ts';
import { JoinView, TeamsView, TeamView, type JoinModel, type TeamModel, type TeamsModel } from './views.tsx';

// The team pages in words from the catalogue, in every language (names and titles are data).

const teams: TeamsModel = {
  teams: [{ name: 'Grade 4 circle', href: '/teams/team_1', members: 3 }],
  choices: [{ publicId: 'mc_1', title: 'Questioning Strategies', organisation: 'Union Academy' }],
  chosen: ['mc_1'],
};
const team: TeamModel = {
  publicId: 'team_1',
  name: 'Grade 4 circle',
  microCredentials: ['Questioning Strategies', 'Wait Time'],
  members: [
    {
      name: 'Ada Lovelace',
      progress: [
        { microCredential: 'Questioning Strategies', status: 'needs_revision', attempts: 2 },
        { microCredential: 'Wait Time', status: 'not_started', attempts: 0 },
      ],
    },
  ],
  invited: [{ email: 'bo@example.org', until: new Date('2026-03-18T10:00:00Z') }],
  inviteAction: '/teams/team_1/invitations',
  invitationDays: 14,
};
const join: JoinModel = {
  teamName: 'Grade 4 circle',
  inviterName: null,
  email: 'bo@example.org',
  action: '/teams/join/tok',
};
const withErrors: FormState = {
  values: { name: 'G' },
  errors: { name: 'Name the team.', microCredentials: 'Choose at least one micro-credential.' },
  message: 'Check the form.',
};
const DATA = [
  'Grade 4 circle',
  'Questioning Strategies',
  'Wait Time',
  'Union Academy',
  'Ada Lovelace',
  'bo@example.org',
  // A command's own messages (the form shows what it was told).
  'Name the team.',
  'Choose at least one micro-credential.',
  'Check the form.',
];

const views = () => [
  <TeamsView model={teams} form={emptyForm} csrfToken="c" />,
  <TeamsView model={{ ...teams, teams: [] }} form={withErrors} csrfToken="c" />,
  <TeamView model={team} form={emptyForm} csrfToken="c" />,
  <JoinView model={join} csrfToken="c" />,
  <JoinView model={{ ...join, inviterName: 'Ada Lovelace' }} csrfToken="c" />,
];

describe('team pages', () => {
  test('show no text outside the catalogue', () => {
    for (const locale of LOCALES)
      for (const view of views())
        assert.deepEqual(textsOutsideCatalogue(renderPseudo(view, locale), DATA), [], locale);
  });

  test('speak Spanish: statuses, plurals, dates', () => {
    const es = CATALOGUES.es.earning.teams;
    const html = views()
      .map((v) => renderIn('es', v))
      .join('');
    for (const text of [es.title, es.startButton, es.status.not_started, es.send, es.join.button])
      assert.ok(html.includes(text), text);
    assert.ok(html.includes('Haciendo cambios (2 envíos)'), 'status with its submissions');
    assert.ok(html.includes('vale durante 14 días'), 'the invitation’s days');
    assert.ok(
      html.includes('bo@example.org (el enlace vale hasta el 18 mar 2026)'),
      'the date, the Spanish way',
    );
    assert.ok(html.includes('Un compañero ha invitado a bo@example.org'), 'an unknown inviter');
    assert.ok(!html.includes('Start the team') && !html.includes('Working on it'));
  });
});
