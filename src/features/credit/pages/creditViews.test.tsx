import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyForm } from '../../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../../web/i18n/i18n.ts';
import { licenseDecisionMail, noticeDigestMail } from '../mail.tsx';
import type { LicenseView, RosterRow } from '../queries/creditLedger.ts';
import { Entries, Progress } from './ledgerParts.tsx';
import { MyLicensesView, MyLicenseView, TranscriptView, type MyLicensesModel } from './earnerLicenses.tsx';
import { NoticeView, NoticesView, type NoticeModel, type NoticesModel } from './notices.tsx';
import { NoticeWebhookView } from './noticeWebhook.tsx';
import { OfficerLicensesView } from './officerLicenses.tsx';
import { RosterView } from './roster.tsx';

// The recognizer's credit pages (license links, roster, completion notices, webhook), the ledger
// parts the earner's pages share, and credit's emails, in words from the catalogue.

const at = new Date('2026-03-04T10:05:00Z');
const license = (state: LicenseView['state'], over: Partial<LicenseView> = {}): LicenseView => ({
  id: 1,
  publicId: `lic_${state}`,
  licenseNumber: 'EDU-77',
  state,
  note: state === 'rejected' ? 'Number unknown' : null,
  cycleStart: '2025-07-01',
  createdAt: at,
  userId: 2,
  userName: 'Maya Teacher',
  program: {
    id: 3,
    publicId: 'prg_1',
    name: 'Teacher renewal',
    licenseName: 'Educator license',
    cycleYears: 5,
    hoursRequired: 2,
    organisationId: 4,
    organisationName: 'State Board',
    organisationSlug: 'board',
  },
  progress: {
    cycle: { start: '2025-07-01', last: '2030-06-30' },
    earned: 0.5,
    required: 2,
    shortfall: 1.5,
    met: false,
  } as LicenseView['progress'],
  entries: [
    {
      publicId: 'ent_1',
      kind: 'credit',
      hours: 0.5,
      cycleStart: '2025-07-01',
      reason: '',
      createdAt: at,
      postedBy: 'Olu Officer',
      credentialPublicId: 'cred_1',
      credentialName: 'Restorative circles',
      issuerName: 'Union Academy',
      revoked: false,
    },
    {
      publicId: 'ent_2',
      kind: 'reversal',
      hours: -0.5,
      cycleStart: '2025-07-01',
      reason: 'Credential revoked',
      createdAt: at,
      postedBy: null,
      credentialPublicId: 'cred_1',
      credentialName: 'Restorative circles',
      issuerName: 'Union Academy',
      revoked: true,
    },
  ],
  ...over,
});
const organisation = { name: 'State Board', slug: 'board' };
const row: RosterRow = {
  licensePublicId: 'lic_1',
  programPublicId: 'prg_1',
  programName: 'Teacher renewal',
  licenseName: 'Educator license',
  licenseNumber: 'EDU-77',
  userName: 'Maya Teacher',
  email: 'maya@example.org',
  state: 'confirmed',
  cycleStart: '2025-07-01',
  cycleEnd: '2030-06-30',
  earned: 0.5,
  required: 2,
  shortfall: 1.5,
};
const noticeRow = (state: string | null) => ({
  public_id: `ntc_${state}`,
  state: 'new' as const,
  created_at: at,
  read_at: null,
  webhook_state: 'none' as const,
  program_name: 'Teacher renewal',
  credential_public_id: 'cred_1',
  achievement_name: 'Restorative circles',
  recipient_email: 'maya@example.org',
  issuer_name: 'Union Academy',
  license_number: state ? 'EDU-77' : null,
  license_state: state,
});
const notices: NoticesModel = {
  organisation,
  state: 'new',
  rows: [noticeRow('confirmed'), noticeRow('pending'), noticeRow(null)] as NoticesModel['rows'],
  delivery: [
    {
      public_id: 'prg_1',
      name: 'Teacher renewal',
      digest_email: true,
      webhook_url: 'https://board.example/hook',
    },
    { public_id: 'prg_2', name: 'Counsellor renewal', digest_email: false, webhook_url: null },
  ],
};
const notice = (over: Record<string, unknown>): NoticeModel['notice'] =>
  ({
    ...noticeRow('confirmed'),
    id: 1,
    document: '{}',
    decided_at: null,
    dismiss_reason: null,
    hours_granted: null,
    webhook_attempts: 2,
    webhook_last_error: 'HTTP 500',
    webhook_state: 'failed',
    posting: 'review',
    unit_rule: 'fixed',
    fixed_hours: null,
    credential_id: 9,
    valid_from: at,
    license_public_id: 'lic_1',
    decided_by_name: null,
    entries: [],
    revoked: false,
    ...over,
  }) as unknown as NoticeModel['notice'];

const DATA = [
  'State Board',
  'Maya Teacher',
  'Teacher renewal',
  'Counsellor renewal',
  'Educator license',
  'EDU-77',
  'Number unknown',
  'Olu Officer',
  'Restorative circles',
  'Union Academy',
  'Credential revoked',
  'maya@example.org',
  'https://board.example/hook',
  'HTTP 500',
  'Not a known key',
  'Withdrawn by the issuer',
  '/verify',
  'whsec_abc',
];

const programs = [
  {
    public_id: 'prg_1',
    name: 'Teacher renewal',
    organisation_name: 'State Board',
    license_name: 'Educator license',
  },
] as unknown as MyLicensesModel['programs'];

const views = () => [
  <MyLicensesView
    licenses={[
      license('pending'),
      license('rejected'),
      license('rejected', { note: null }),
      license('confirmed'),
    ]}
    programs={programs}
    form={emptyForm}
    csrfToken="c"
  />,
  <MyLicensesView licenses={[]} programs={[]} form={emptyForm} csrfToken="c" />,
  <MyLicenseView license={license('confirmed')} transcriptReady={true} csrfToken="c" />,
  <MyLicenseView license={license('pending', { entries: [] })} transcriptReady={false} csrfToken="c" />,
  <TranscriptView license={license('confirmed')} transcriptReady={true} csrfToken="c" />,
  <Progress license={license('confirmed')} />,
  <Progress license={license('confirmed', { progress: { ...license('confirmed').progress, met: true } })} />,
  <Entries license={license('confirmed')} />,
  <Entries license={license('pending', { entries: [] })} />,
  <OfficerLicensesView
    organisation={organisation}
    pending={[license('pending')]}
    decided={[license('confirmed'), license('rejected')]}
    failed={{}}
    csrfToken="c"
  />,
  <OfficerLicensesView organisation={organisation} pending={[]} decided={[]} failed={{}} csrfToken="c" />,
  <RosterView
    organisation={organisation}
    filter={{ shortOnly: true }}
    programs={[{ public_id: 'prg_1', name: 'Teacher renewal' }]}
    rows={[row, { ...row, shortfall: 0 }]}
  />,
  <NoticesView {...notices} />,
  <NoticesView {...notices} state="dismissed" rows={[]} delivery={[]} />,
  <NoticeView slug="board" notice={notice({})} verified={true} problems="" csrfToken="c" />,
  <NoticeView
    slug="board"
    notice={notice({
      state: 'dismissed',
      read_at: at,
      revoked: true,
      posting: 'automatic',
      license_state: null,
      decided_by_name: 'Olu Officer',
      dismiss_reason: 'Withdrawn by the issuer',
      entries: [
        {
          public_id: 'e1',
          kind: 'credit',
          hours: 0.5,
          cycle_start: '2025-07-01',
          reason: null,
          created_at: at,
        },
        {
          public_id: 'e2',
          kind: 'reversal',
          hours: -0.5,
          cycle_start: '2025-07-01',
          reason: 'Credential revoked',
          created_at: at,
        },
      ],
    })}
    verified={false}
    problems="Not a known key"
    csrfToken="c"
  />,
  <NoticeWebhookView
    slug="board"
    program={{ public_id: 'prg_1', name: 'Teacher renewal' }}
    webhookUrl="https://board.example/hook"
    secret="whsec_abc"
    form={emptyForm}
    csrfToken="c"
  />,
];

describe('credit pages', () => {
  test('show no text outside the catalogue (earner’s licenses and transcript, ledger parts, license links, roster, notices, webhook)', () => {
    for (const locale of LOCALES)
      for (const view of views())
        assert.deepEqual(textsOutsideCatalogue(renderPseudo(view, locale), DATA), [], locale);
  });

  test('speak Spanish, with its dates and numbers', () => {
    const es = CATALOGUES.es.credit;
    const html = views()
      .map((v) => renderIn('es', v))
      .join('');
    for (const text of [
      es.officer.nothingWaits,
      es.roster.csv,
      es.notices.delivery.settings,
      es.webhook.save,
    ])
      assert.ok(html.includes(text), text);
    assert.ok(html.includes('Confirmar la licencia EDU-77') && html.includes('Vincular la licencia'));
    assert.ok(html.includes('1 credencial acreditada.'));
    assert.ok(html.includes('0,5 h') && html.includes('1 jul 2025'), 'numbers and dates the Spanish way');
    assert.ok(html.includes('Fallido tras 2 intentos'), 'plurals');
    assert.ok(!html.includes('Download as CSV') && !html.includes('Post credit'));
  });

  test('the emails speak the recipient’s language, English by default', () => {
    const link = 'https://cairn.test/me/licenses';
    const decision = {
      name: 'Maya',
      recognizerName: 'State Board',
      programName: 'Teacher renewal',
      licenseNumber: 'EDU-77',
      confirmed: false,
      reason: 'Number unknown.',
      link,
    };
    const en = licenseDecisionMail(decision);
    assert.equal(en.subject, 'State Board could not confirm your license EDU-77');
    assert.match(en.text, /for Teacher renewal: Number unknown\. Check the number/);
    assert.match(en.html, /<html lang="en">/);
    const es = licenseDecisionMail({ ...decision, confirmed: true, locale: 'es' });
    assert.equal(es.subject, 'State Board ha confirmado tu licencia EDU-77');
    assert.match(es.text, /^Hola, Maya:/);
    assert.match(es.html, /<html lang="es">/);
    const lines = [
      {
        earner: 'maya@example.org',
        achievement: 'Restorative circles',
        issuer: 'Union Academy',
        licensed: true,
      },
      { earner: null, achievement: 'Restorative circles', issuer: 'Union Academy', licensed: false },
    ];
    const digest = { organisationName: 'State Board', programName: 'Teacher renewal', lines, link };
    assert.equal(noticeDigestMail(digest).subject, '2 new completion notices for Teacher renewal');
    assert.match(
      noticeDigestMail(digest).text,
      /- An earner completed “Restorative circles” \(Union Academy\) — no confirmed license yet/,
    );
    const digestEs = noticeDigestMail({ ...digest, lines: lines.slice(1), locale: 'es' });
    assert.equal(digestEs.subject, '1 aviso de finalización nuevo para Teacher renewal');
    assert.match(digestEs.text, /Una persona completó «Restorative circles»/);
  });

  test('a Spanish email holds no English words of the catalogue’s mail messages', () => {
    // Mails are written with translator(locale), not the render context: each English message's
    // fixed words (between its {arguments}) must not appear in the Spanish mail.
    const fixedWords = (tree: object): string[] =>
      Object.values(tree).flatMap((v) =>
        typeof v === 'string'
          ? v
              .replace(/\{[^{}]*\}/g, '|')
              .replace(/\{[^{}]*\}/g, '|')
              .split('|')
              .map((w) => w.trim())
              .filter((w) => w.split(' ').length >= 2)
          : fixedWords(v as object),
      );
    const english = fixedWords(CATALOGUES.en.credit.mail);
    const decision = {
      name: 'Maya',
      recognizerName: 'State Board',
      programName: 'Teacher renewal',
      licenseNumber: 'EDU-77',
      reason: 'Number unknown.',
      link: 'https://cairn.test/me/licenses',
      locale: 'es' as const,
    };
    const line = {
      earner: null,
      achievement: 'Restorative circles',
      issuer: 'Union Academy',
      licensed: false,
    };
    const mails = [
      licenseDecisionMail({ ...decision, confirmed: true }),
      licenseDecisionMail({ ...decision, confirmed: false }),
      noticeDigestMail({
        organisationName: 'State Board',
        programName: 'P',
        lines: [line],
        link: 'x',
        locale: 'es',
      }),
    ];
    for (const mail of mails)
      for (const words of english)
        assert.ok(!mail.text.includes(words) && !mail.html.includes(words), `${mail.template}: ${words}`);
  });
});
