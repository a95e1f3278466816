import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Child } from 'hono/jsx';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../../web/i18n/i18n.ts';
import type { AwardRunState } from '../../../storage/schema.ts';
import type { AwardRunModel, AwardRunsModel } from './bulkAwardLoader.ts';
import { AwardRunsView } from './bulkAwardViews.tsx';
import { AwardRunView } from './bulkAwardRunView.tsx';
import type { IssuedCredentialsModel, RevokeConfirmationModel } from './issuedCredentialsLoader.ts';
import { ConfirmRevokeView, IssuedCredentialsView } from './issuedCredentialViews.tsx';

// Issuing staff's pages (bulk award runs, one run in each state, issued credentials, revoking) in
// words from the catalogue, in every language. What the views show besides is named data: files,
// columns, titles, addresses, ids, and the problems and errors the commands wrote.

const AT = new Date('2026-03-04T10:05:00Z');
const DATA = [
  'Teaching with evidence',
  'mc_gone',
  'attendance.csv',
  'E-mail',
  'Name',
  'Hours',
  'ada@example.org',
  'bo@example.org',
  'not-an-email',
  '“not-an-email” is not an email address.',
  'Same recipient as row 2.',
  'The signing key is revoked.',
  'Choose a CSV file to upload.',
  'Choose the column with the recipients’ email addresses.',
  'Some fields need attention.',
  'State Board',
  'cred_1',
  'Union Academy',
  'ada@example.org already holds it.',
];

const runs: AwardRunsModel = {
  microCredentials: [{ public_id: 'mc_1', title: 'Teaching with evidence' }],
  runs: (['uploaded', 'checking', 'dry_run', 'queued', 'running', 'done', 'failed'] as const).map(
    (state) => ({
      fileName: 'attendance.csv',
      microCredential: state === 'failed' ? 'mc_gone' : 'Teaching with evidence',
      version: 2,
      total: 1200,
      issued: 3,
      state,
      path: '/orgs/union/awards/run_1',
    }),
  ),
  maxUploadMb: 50,
  paths: { upload: '/orgs/union/awards', streamUpload: '/api/v1/orgs/union/award-runs' },
};

const run = (state: AwardRunState, over: Partial<AwardRunModel> = {}): AwardRunModel => ({
  progress: {
    run: 'run_1',
    state,
    fileName: 'attendance.csv',
    total: 4,
    valid: 2,
    invalid: 1,
    duplicate: 1,
    alreadyIssued: 1,
    issued: state === 'done' ? 2 : 1,
    skipped: 0,
    percent: state === 'done' ? 100 : 50,
    error: state === 'failed' ? 'The signing key is revoked.' : null,
  },
  header: ['E-mail', 'Name', 'Hours'],
  mapping: { email: 'E-mail', name: 'Name' },
  unused: ['Hours'],
  problems:
    state === 'uploaded' || state === 'checking'
      ? []
      : [
          { line: 4, email: 'not-an-email', problem: '“not-an-email” is not an email address.' },
          { line: 5, email: 'ada@example.org', problem: 'Same recipient as row 2.' },
        ],
  problemsCut: false,
  live: state === 'checking' || state === 'queued' || state === 'running',
  paths: {
    all: '/orgs/union/awards',
    mapping: '/orgs/union/awards/run_1/mapping',
    issue: '/orgs/union/awards/run_1/issue',
    progress: '/orgs/union/awards/run_1/progress',
    credentials: '/orgs/union/credentials',
  },
  ...over,
});

const credential = (status: IssuedCredentialsModel['credentials'][number]['status'], n: number) => ({
  publicId: `cred_${n}`,
  recipient: n % 2 ? 'ada@example.org' : 'bo@example.org',
  achievementName: 'Teaching with evidence',
  issuedAt: AT,
  status,
  notices: n === 1 ? [{ recognizerName: 'State Board', sentAt: AT }] : [],
  badgePath: `/badges/cred_${n}`,
  statusAction: `/orgs/union/credentials/cred_${n}/status`,
});
const issued: IssuedCredentialsModel = {
  organisation: { name: 'Union Academy', slug: 'union' },
  microCredentials: [{ public_id: 'mc_1', title: 'Teaching with evidence' }],
  credentials: (['valid', 'suspended', 'revoked', 'expired'] as const).map((s, i) => credential(s, i + 1)),
  paths: {
    award: '/orgs/union/credentials',
    changeSelected: '/orgs/union/credentials/status',
    bulkAwards: '/orgs/union/awards',
  },
};
const revoking = (n: number): RevokeConfirmationModel => ({
  credentials: issued.credentials.slice(0, n),
  action: '/orgs/union/credentials/status',
  back: '/orgs/union/credentials',
  reason: '',
});

const failedForm = (errors: Record<string, string>): FormState => ({
  values: {},
  errors,
  message: 'Some fields need attention.',
});

/** Every page and state these views have, as the tests render them. */
const pages: Array<[string, Child]> = [
  ['runs', <AwardRunsView model={runs} form={emptyForm} csrf="x" />],
  [
    'runs, upload refused',
    <AwardRunsView
      model={{ ...runs, runs: [] }}
      form={failedForm({ file: 'Choose a CSV file to upload.' })}
      csrf="x"
    />,
  ],
  ...(['uploaded', 'checking', 'dry_run', 'queued', 'running', 'done', 'failed'] as const).map(
    (state): [string, Child] => [
      `run ${state}`,
      <AwardRunView model={run(state)} form={emptyForm} csrf="x" />,
    ],
  ),
  [
    'run, mapping refused, nothing to issue, problems cut',
    <AwardRunView
      model={run('dry_run', {
        progress: { ...run('dry_run').progress, valid: 0 },
        problemsCut: true,
      })}
      form={failedForm({ email: 'Choose the column with the recipients’ email addresses.' })}
      csrf="x"
    />,
  ],
  ['issued credentials', <IssuedCredentialsView model={issued} form={emptyForm} csrf="x" />],
  [
    'issued credentials, already awarded',
    <IssuedCredentialsView
      model={issued}
      form={failedForm({ issueAgain: 'ada@example.org already holds it.' })}
      csrf="x"
    />,
  ],
  ['revoke one', <ConfirmRevokeView model={revoking(1)} csrf="x" />],
  ['revoke two', <ConfirmRevokeView model={revoking(2)} csrf="x" />],
];

describe('issuing staff pages in the catalogue', () => {
  test('no text outside the catalogue, in every language and state', () => {
    for (const locale of LOCALES)
      for (const [name, node] of pages)
        assert.deepEqual(textsOutsideCatalogue(renderPseudo(node, locale), DATA), [], `${name} (${locale})`);
  });

  test('speaks Spanish: plurals, states, dates and numbers', () => {
    const es = CATALOGUES.es.issuingStaff;
    const list = renderIn('es', <AwardRunsView model={runs} form={emptyForm} csrf="x" />);
    for (const text of [es.bulk.title, es.bulk.states.dry_run, es.bulk.upload.submit])
      assert.ok(list.includes(text), text);
    assert.ok(list.includes('1200') || list.includes('1.200'), 'the row count as a Spanish number');
    const dryRun = renderIn('es', <AwardRunView model={run('dry_run')} form={emptyForm} csrf="x" />);
    for (const text of [
      'Se emitirán 2 filas',
      'Se dejará fuera 1 fila con problemas',
      'Emitir 2 credenciales',
    ])
      assert.ok(dryRun.includes(text), text);
    const done = renderIn('es', <AwardRunView model={run('done')} form={emptyForm} csrf="x" />);
    assert.match(done, /100\s%/, 'the percentage written the Spanish way');
    const credentials = renderIn('es', <IssuedCredentialsView model={issued} form={emptyForm} csrf="x" />);
    for (const text of [
      es.issued.statuses.suspended,
      'Aviso de finalización enviado a State Board el 4 mar 2026',
    ])
      assert.ok(credentials.includes(text), text);
    assert.ok(!credentials.includes('Suspended'));
    assert.ok(
      renderIn('es', <ConfirmRevokeView model={revoking(2)} csrf="x" />).includes('¿Revocar 2 credenciales?'),
    );
  });

  test('English keeps the words the pages had', () => {
    const dryRun = renderIn('en', <AwardRunView model={run('dry_run')} form={emptyForm} csrf="x" />);
    for (const text of [
      '2 rows will be issued',
      '1 row with problems will be left out',
      'Issue 2 credentials',
    ])
      assert.ok(dryRun.includes(text), text);
    const credentials = renderIn('en', <IssuedCredentialsView model={issued} form={emptyForm} csrf="x" />);
    assert.ok(credentials.includes('Completion notice sent to State Board on Mar 4, 2026'));
    assert.ok(
      renderIn('en', <ConfirmRevokeView model={revoking(1)} csrf="x" />).includes('Revoke this credential?'),
    );
  });
});
