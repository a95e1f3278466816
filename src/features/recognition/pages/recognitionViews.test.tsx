import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Child } from 'hono/jsx';
import { emptyForm } from '../../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES, translator } from '../../../web/i18n/i18n.ts';
import { submissionMail, type SubmissionEvent, type SubmissionMailData } from '../mail.tsx';
import { invitationMail } from '../sessions/mail.tsx';
import type { SubmissionView as Submission } from '../queries/submissions.ts';
import type { ProgramData, ProgramsData } from './programsLoader.ts';
import { ProgramsView, ProgramView } from './programsView.tsx';
import { IssuerSubmissionsView, QueueView } from './queueView.tsx';
import { RecognitionPanel } from './recognitionView.tsx';
import type { SubmissionData } from './submissionLoader.ts';
import { SubmissionView } from './submissionView.tsx';
import type { ProgramChoice } from './submitModel.ts';
import type { SubmitData } from './submitLoader.ts';
import { SubmitView } from './submitView.tsx';

// Recognition's pages and emails in words from the catalogue, in every language: rendered with the
// pseudo translator, nothing visible is left but catalogue messages and the data named below.

const at = new Date('2026-03-04T10:05:00Z');
const submission = (over: Partial<Submission> = {}): Submission => ({
  id: 1,
  public_id: 'sub_1',
  status: 'approved',
  statement: 'Two trained reviewers score every submission.',
  hours_granted: 0.5,
  ends_on: '2027-06-30',
  created_at: at,
  decided_at: at,
  previous_submission_id: null,
  created_by: 1,
  micro_credential_id: 1,
  micro_credential_version: 2,
  pathway_id: null,
  stack_id: null,
  program_id: 1,
  program_public_id: 'prg_1',
  program_name: 'Educator license renewal',
  license_name: 'Educator license',
  unit_rule: 'fixed',
  fixed_hours: 0.5,
  recognizer_id: 2,
  recognizer_slug: 'board',
  recognizer_name: 'State Teaching Board',
  issuer_id: 3,
  issuer_slug: 'union',
  issuer_name: 'Teachers Union',
  title: 'Restorative Circles (version 2)',
  subject_name: 'Restorative Circles',
  subject_kind: 'micro_credential',
  mc_public_id: 'mc_1',
  mc_slug: 'restorative-circles',
  credit_hours: null,
  ...over,
});
const thread = [
  {
    id: 1,
    kind: 'submitted',
    author_side: 'issuer',
    body: 'Please review.',
    created_at: at,
    author_name: 'Sam Staff',
  },
  {
    id: 2,
    kind: 'changes_requested',
    author_side: 'recognizer',
    body: 'Add a rubric.',
    created_at: at,
    author_name: null,
  },
] as SubmissionData['thread'];
const surroundings = {
  version: undefined,
  endorsements: [
    { public_id: 'end_1', created_at: at, revoked_at: at },
    { public_id: 'end_2', created_at: at, revoked_at: null },
  ],
  previous: { public_id: 'sub_0', micro_credential_version: 1, status: 'changes_requested' as const },
  next: [{ public_id: 'sub_2', micro_credential_version: 3, status: 'submitted' as const }],
} as SubmissionData['surroundings'];
const page = (over: Partial<SubmissionData>): SubmissionData => ({
  slug: 'board',
  side: 'recognizer',
  isIssuer: false,
  selfRecognition: false,
  submission: submission(),
  thread,
  surroundings,
  resubmitVersion: null,
  canManage: true,
  expired: false,
  ...over,
});
const forms = { failed: {}, csrfToken: 'c' };
const programs = {
  organisation: { name: 'State Teaching Board', slug: 'board' },
  canManage: true,
  programs: [
    {
      public_id: 'prg_1',
      name: 'Educator license renewal',
      license_name: 'Educator license',
      cycle_years: 5,
      hours_required: 150,
      unit_rule: 'fixed',
      fixed_hours: 0.5,
      cap_hours_per_cycle: 6,
      archived_at: null,
      approved: 3,
    },
    {
      public_id: 'prg_2',
      name: 'Counsellor renewal',
      license_name: 'Counsellor license',
      cycle_years: 1,
      hours_required: 20,
      unit_rule: 'credit_hours',
      fixed_hours: null,
      cap_hours_per_cycle: null,
      archived_at: at,
      approved: 0,
    },
  ],
} as ProgramsData;
const program = {
  slug: 'board',
  program: { ...programs.programs[1], archived_at: at },
} as unknown as ProgramData;
const choice = (over: Partial<ProgramChoice>): ProgramChoice => ({
  publicId: 'prg_1',
  label: 'State Teaching Board — Educator license renewal (Educator license)',
  recognizer: 'State Teaching Board',
  program: 'Educator license renewal',
  license: 'Educator license',
  unitRule: 'fixed',
  fixedHours: 0.5,
  hoursRequired: 150,
  own: false,
  relevance: { score: 2, reasons: ['pastApprovals', 'sharedTags'], shared: ['circles'] },
  ...over,
});
const submit: SubmitData = {
  slug: 'union',
  suggested: [choice({})],
  other: [
    choice({
      publicId: 'prg_9',
      recognizer: 'Far Council',
      program: 'Other renewal',
      label: 'Far Council — Other renewal (CE)',
    }),
  ],
  subjects: [
    { value: 'mc:mc_1', kind: 'mc', name: 'Restorative Circles', version: 2 },
    { value: 'pathway:pw_1', kind: 'pathway', name: 'Classroom Culture', version: null },
    { value: 'stack:st_1', kind: 'stack', name: 'Classroom Management', version: null },
  ],
  chosenSubject: 'mc:mc_1',
  previous: undefined,
  confirmOther: undefined,
};

const DATA = [
  'State Teaching Board',
  'Teachers Union',
  'Educator license renewal',
  'Educator license',
  'Counsellor renewal',
  'Counsellor license',
  'Restorative Circles',
  'Classroom Culture',
  'Classroom Management',
  'Two trained reviewers score every submission.',
  'Please review.',
  'Add a rubric.',
  'Sam Staff',
  'Far Council',
  'Other renewal',
  'Far Council — Other renewal (CE)',
  'State Teaching Board — Educator license renewal (Educator license)',
  'circles',
  'sub_0',
  'sub_1',
  'sub_2',
  'Meets the board’s standards.',
];

const views = (): Record<string, Child> => ({
  programs: <ProgramsView {...programs} form={emptyForm} csrfToken="c" />,
  noPrograms: <ProgramsView {...programs} programs={[]} form={emptyForm} csrfToken="c" />,
  program: <ProgramView {...program} form={emptyForm} csrfToken="c" />,
  queue: (
    <QueueView
      organisation={programs.organisation}
      status="open"
      rows={[submission(), submission({ status: 'submitted', ends_on: null })]}
    />
  ),
  emptyQueue: <QueueView organisation={programs.organisation} status={null} rows={[]} />,
  issuerList: (
    <IssuerSubmissionsView
      organisation={{ name: 'Teachers Union', slug: 'union' }}
      rows={[submission({ ends_on: null }), submission({ status: 'rejected' })]}
    />
  ),
  approved: <SubmissionView {...page({})} {...forms} />,
  expired: <SubmissionView {...page({ expired: true, selfRecognition: true })} {...forms} />,
  deciding: (
    <SubmissionView
      {...page({ submission: submission({ status: 'submitted', unit_rule: 'credit_hours' }) })}
      {...forms}
    />
  ),
  issuerSide: (
    <SubmissionView
      {...page({
        side: 'issuer',
        isIssuer: true,
        canManage: false,
        resubmitVersion: 2,
        submission: submission({ status: 'changes_requested' }),
      })}
      {...forms}
    />
  ),
  submit: <SubmitView {...submit} form={emptyForm} csrfToken="c" />,
  resubmit: (
    <SubmitView
      {...submit}
      suggested={[]}
      previous={submission({ status: 'changes_requested' })}
      confirmOther={submit.other[0]}
      form={emptyForm}
      csrfToken="c"
    />
  ),
  nothingToSubmit: (
    <SubmitView {...submit} suggested={[]} other={[]} subjects={[]} form={emptyForm} csrfToken="c" />
  ),
  panel: (
    <RecognitionPanel
      data={{
        recognitions: [
          {
            recognizerName: 'State Teaching Board',
            hoursGranted: 0.5,
            programName: 'Educator license renewal',
            licenseName: 'Educator license',
            endsOn: '2027-06-30',
          },
          {
            recognizerName: 'State Teaching Board',
            hoursGranted: 1,
            programName: 'Educator license renewal',
            licenseName: 'Educator license',
            endsOn: null,
          },
        ] as never,
        endorsements: [
          {
            publicId: 'end_1',
            recognizerName: 'State Teaching Board',
            recognizerSlug: 'board',
            comment: 'Meets the board’s standards.',
            createdAt: at,
          },
          {
            publicId: 'end_2',
            recognizerName: 'State Teaching Board',
            recognizerSlug: 'board',
            comment: '',
            createdAt: at,
          },
        ],
      }}
    />
  ),
});

const EVENTS: SubmissionEvent[] = [
  'submitted',
  'resubmitted',
  'comment',
  'changes_requested',
  'approved',
  'rejected',
  'withdrawn',
  'endorsed',
];
const mailData = (event: SubmissionEvent): SubmissionMailData => ({
  event,
  subjectTitle: 'Restorative Circles',
  version: 2,
  programName: 'Educator license renewal',
  issuerName: 'Teachers Union',
  recognizerName: 'State Teaching Board',
  actorName: 'Sam Staff',
  message: event === 'comment' ? 'Please review.' : null,
  hours: 0.5,
  endsOn: event === 'approved' ? '2027-06-30' : null,
  link: 'https://cairn.test/orgs/board/recognition/submissions/sub_1',
});

describe('recognition pages', () => {
  test('show no text outside the catalogue (programs, queue, submissions, submission, submit, panel)', () => {
    for (const locale of LOCALES)
      for (const [name, view] of Object.entries(views()))
        assert.deepEqual(textsOutsideCatalogue(renderPseudo(view, locale), DATA), [], `${name} (${locale})`);
  });

  test('the emails are all catalogue and data, in every language', () => {
    for (const locale of LOCALES)
      for (const event of EVENTS) {
        const mail = submissionMail(mailData(event), translator(locale, { pseudo: true }));
        const data = [...DATA, 'Cairn', mailData(event).link];
        assert.deepEqual(textsOutsideCatalogue(mail.html, data), [], `${event} (${locale})`);
        assert.deepEqual(textsOutsideCatalogue(`<p>${mail.subject}</p>`, data), [], `${event} subject`);
      }
  });

  test('the session invitation is all catalogue and data, in the attendee’s language', () => {
    const invitation = {
      name: 'Ana Ruiz',
      sessionTitle: 'Circles in practice',
      providerName: 'Harbour CE',
      councilName: 'State Teaching Board',
      badgeTitle: 'Restorative Circles',
      link: 'https://cairn.test/catalog/board/restorative-circles/apply?session=ses_1',
    };
    const data = [...Object.values(invitation), 'Cairn'];
    for (const locale of LOCALES) {
      const mail = invitationMail(invitation, translator(locale, { pseudo: true }));
      assert.deepEqual(textsOutsideCatalogue(mail.html, data), [], locale);
    }
    assert.equal(
      invitationMail(invitation).subject,
      'Apply for the “Restorative Circles” badge: you attended Circles in practice',
    );
    const es = invitationMail({ ...invitation, locale: 'es' });
    assert.equal(es.subject, 'Solicite la insignia «Restorative Circles»: asistió a Circles in practice');
    assert.match(es.text, /^Hola, Ana Ruiz:/);
  });

  test('speak Spanish', () => {
    const es = CATALOGUES.es.recognition;
    const html = Object.values(views())
      .map((v) => renderIn('es', v))
      .join('');
    for (const text of [
      es.programs.create,
      es.queue.filter,
      es.submission.requestChanges,
      es.submission.nextStep,
      es.submit.subject,
      es.status.changes_requested,
    ])
      assert.ok(html.includes(text), text);
    assert.ok(html.includes('Restorative Circles (versión 2)'));
    assert.ok(html.includes('Reconocida por State Teaching Board con 0,5 horas'), 'numbers the Spanish way');
    assert.ok(html.includes('5 años, 150 h'), 'plurals');
    assert.ok(!html.includes('Request changes') && !html.includes('Awaiting review'));
  });

  test('the emails speak the recipient’s language, English by default', () => {
    const approved = mailData('approved');
    assert.equal(
      submissionMail(approved).subject,
      '“Restorative Circles” (version 2) is recognized by State Teaching Board',
    );
    assert.match(submissionMail(approved).text, /for 0\.5 credit hours, until Jun 30, 2027\./);
    const es = submissionMail({ ...approved, locale: 'es' });
    assert.equal(es.subject, 'State Teaching Board reconoce «Restorative Circles» (versión 2)');
    assert.match(es.text, /por 0,5 horas de crédito, hasta el 30 jun 2027\./);
    assert.match(es.html, /<html lang="es">/);
    const comment = submissionMail({ ...mailData('comment'), locale: 'es' });
    assert.match(comment.text, /Sam Staff escribió:\nPlease review\./);
  });
});
