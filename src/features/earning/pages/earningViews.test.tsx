import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rubric } from '../../catalog/index.ts';
import { emptyForm } from '../../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../../web/i18n/i18n.ts';
import { deadlineReminderMail, reviewDecisionMail, teamInvitationMail } from '../mail.tsx';
import { AnalyticsView, type AnalyticsModel } from './earningAnalytics.tsx';
import { EvidenceForm, EvidenceReadOnly, ReviewsSection } from './evidenceViews.tsx';
import { ReviewerQueueView, ReviewView, type ReviewModel } from './peerReview.tsx';
import { ReviewQueueView, type ReviewQueueModel } from './reviewQueue.tsx';

// Earning's pages (peer review, the staff queue, analytics, the evidence parts) and emails in
// words from the catalogue, in every language.

const at = new Date('2026-03-04T10:05:00Z');
const rubric: Rubric = {
  levels: [
    { id: 'beginning', name: 'Beginning' },
    { id: 'proficient', name: 'Proficient' },
  ],
  criteria: [
    {
      id: 'plan',
      name: 'Lesson plan',
      descriptors: { beginning: 'A plan exists', proficient: 'A plan with wait time' },
      passingLevel: 'proficient',
    },
  ],
} as unknown as Rubric;
const review: ReviewModel = {
  title: 'Questioning Strategies',
  attempt: 2,
  action: '/reviews/att_1',
  startAction: '/reviews/att_1/start',
  decided: null,
  evidence: [
    { part: 0, html: null, link: 'https://example.org/video', file: { href: '/f/1', name: 'plan.pdf' } },
  ],
  rubric,
};
const queue: ReviewQueueModel = {
  organisation: { slug: 'union', name: 'Union Academy' },
  turnaroundDays: 7,
  filter: { selected: undefined, choices: [{ value: 'mc_1', label: 'Questioning Strategies' }] },
  reviewers: [{ value: 'usr_1', label: 'Rae Reviewer' }],
  submissions: [
    {
      publicId: 'att_1',
      title: 'Questioning Strategies',
      number: 2,
      waitingDays: 1,
      overdue: false,
      reviewer: null,
      assignAction: '/a',
    },
    {
      publicId: 'att_2',
      title: 'Questioning Strategies',
      number: 1,
      waitingDays: 9,
      overdue: true,
      reviewer: 'usr_1',
      assignAction: '/b',
    },
  ],
};
const analytics: AnalyticsModel = {
  organisation: { slug: 'union', name: 'Union Academy' },
  csvHref: '/orgs/union/analytics.csv',
  overTime: [
    { month: '2026-10', count: 1 },
    { month: '2026-11', count: 3 },
  ],
  stats: [
    {
      microCredential: 'mc_1',
      title: 'Questioning Strategies',
      applications: 4,
      submissions: 3,
      passed: 2,
      expired: 1,
      firstTimePassRate: 0.5,
      meanAttemptsToPass: 1.5,
      turnaroundMedianHours: 20,
      turnaroundP90Hours: 40,
    },
  ],
  maxApplications: 4,
};
const parts = [
  { prompt: 'Upload your plan', kind: 'file', required: true, maxSizeMb: 5 },
  { prompt: 'Link to a video', kind: 'link', required: false },
  { prompt: 'Reflect', kind: 'text', required: true, maxWords: 300 },
] as never;
const evidence = { items: [], files: [], attempts: [] } as never;
const attempts = [
  {
    number: 1,
    decision: 'needs_revision',
    scores: { plan: 'beginning' },
    feedback: { plan: 'Add wait time' },
    overall_feedback: 'Close.',
  },
  { number: 2, decision: null, scores: null, feedback: null, overall_feedback: null },
] as never;

const DATA = [
  'Questioning Strategies',
  'Lesson plan',
  'Beginning',
  'Proficient',
  'A plan exists',
  'A plan with wait time',
  'https://example.org/video',
  'plan.pdf',
  'Union Academy',
  'Rae Reviewer',
  'Upload your plan',
  'Link to a video',
  'Reflect',
  'Add wait time',
  'Close.',
];

const views = () => [
  <ReviewerQueueView
    model={{
      submissions: [{ href: '/reviews/att_1', title: 'Questioning Strategies', number: 2, submittedAt: at }],
    }}
  />,
  <ReviewerQueueView model={{ submissions: [] }} />,
  <ReviewView model={review} form={emptyForm} csrfToken="c" />,
  <ReviewView model={{ ...review, decided: 'passed', startAction: null }} form={emptyForm} csrfToken="c" />,
  <ReviewQueueView model={queue} csrfToken="c" />,
  <AnalyticsView model={analytics} />,
  <EvidenceForm
    application="app_1"
    attempts={1}
    parts={parts}
    evidence={evidence}
    form={emptyForm}
    csrfToken="c"
  />,
  <EvidenceReadOnly parts={parts} evidence={evidence} />,
  <ReviewsSection attempts={attempts} rubric={rubric} />,
];

describe('earning pages', () => {
  test('show no text outside the catalogue (peer review, review queue, analytics, evidence)', () => {
    for (const locale of LOCALES)
      for (const view of views())
        assert.deepEqual(textsOutsideCatalogue(renderPseudo(view, locale), DATA), [], locale);
  });

  test('speak Spanish', () => {
    const es = CATALOGUES.es.earning;
    const html = views()
      .map((v) => renderIn('es', v))
      .join('');
    for (const text of [
      es.reviews.queueTitle,
      es.reviews.record,
      es.queue.overdue,
      es.analytics.csv,
      es.evidence.saveDraft,
    ])
      assert.ok(html.includes(text), text);
    assert.ok(html.includes('9 días') && html.includes('1 día'), 'plurals');
    assert.ok(html.includes('Questioning Strategies — intento 2'));
    assert.ok(!html.includes('Record review') && !html.includes('Save draft'));
  });

  test('the emails speak the recipient’s language, English by default', () => {
    const link = 'https://cairn.test/applications/app_1';
    const reminder = { name: 'Ed', title: 'Questioning Strategies', days: 1, deadline: at, link };
    assert.equal(deadlineReminderMail(reminder).subject, '1 day left to submit “Questioning Strategies”');
    assert.match(deadlineReminderMail(reminder).text, /closes on Mar 4, 2026/);
    const es = deadlineReminderMail({ ...reminder, days: 7, locale: 'es' });
    assert.equal(es.subject, 'Quedan 7 días para enviar «Questioning Strategies»');
    assert.match(es.text, /se cierra el 4 mar 2026/);
    const decision = { name: 'Ed', title: 'Questioning Strategies', passed: true, link };
    assert.equal(reviewDecisionMail(decision).subject, 'You earned “Questioning Strategies”');
    assert.equal(
      reviewDecisionMail({ ...decision, locale: 'es' }).subject,
      'Has obtenido «Questioning Strategies»',
    );
    const team = { teamName: 'Grade 4 circle', inviterName: null, link, expiresInDays: 14 };
    assert.equal(
      teamInvitationMail(team).subject,
      'A colleague invited you to join the team “Grade 4 circle” on Cairn',
    );
    assert.match(teamInvitationMail({ ...team, locale: 'es' }).text, /vale durante 14 días/);
  });
});
