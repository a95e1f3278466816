import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Child } from 'hono/jsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { LOCALES } from '../../../web/i18n/i18n.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';
import { designSchema, type Design } from '../microCredential.ts';
import { translateProblems } from '../../../web/i18n/commandMessages.ts';
import { translator } from '../../../web/i18n/i18n.ts';
import { CatalogSearchView, type CatalogSearchModel } from './catalog/catalogSearch.tsx';
import { CatalogEntryView, type CatalogEntryModel } from './catalog/catalogEntry.tsx';
import { MicroCredentialBody } from './microCredentialView.tsx';
import { DesignListView, type DesignListModel } from './designer/designList.tsx';
import { NewDesignView } from './designer/newDesign.tsx';
import { DesignPreviewView, type DesignPreviewModel } from './designer/designPreview.tsx';
import { EditDesignView, type EditDesignModel } from './designer/editDesign.tsx';
import { StacksView, type StacksModel } from './designer/stacks.tsx';
import { PathwayListView, type PathwayListModel } from '../pathways/pages/pathwayList.tsx';
import { PathwayFormView, type PathwayFormModel } from '../pathways/pages/pathwayForm.tsx';
import { PathwayPageView, type PathwayPageModel } from '../pathways/pages/pathwayPage.tsx';
import { formFromDesign } from './designForm.ts';
import { designForReader, shownLanguages } from '../languageEditions.ts';

// Every catalog page, rendered with the pseudo translator in each language, shows no text that did
// not come from the catalogue, apart from the data named below (titles, names, what designers wrote).

const AT = new Date('2026-03-04T05:06:00Z');
const design: Design = designSchema.parse(
  completeDesign('Classroom routines', { applicationFeeCents: 2500, validityMonths: 24 }),
);
const designData = [
  design.title,
  design.competency,
  design.description,
  design.keyMethod,
  design.criteria,
  ...design.evidenceParts.map((p) => p.prompt),
  ...(design.rubric?.levels.map((l) => l.name) ?? []),
  ...(design.rubric?.criteria.flatMap((c) => [c.name, ...Object.values(c.descriptors)]) ?? []),
  ...design.alignments.flatMap((a) => [a.name, a.code ?? '']),
  ...design.tags,
];
const DATA = [
  ...designData,
  'Rutinas en el aula',
  'El educador enseña rutinas.',
  'Una microcredencial basada en el desempeño.',
  'Un plan, un vídeo y una reflexión.',
  'Union Academy',
  'Lakeside Board',
  'Classroom Management',
  'Teaching License',
  'Routines certificate',
  'Toward the certificate',
  'Circles',
  'Dee Designer',
  'Beginning, Developing, Proficient',
  'classroom',
  'USD',
  // The issuer's monogram, and the alignments as the design form's textarea shows them.
  'UA',
  'InTASC Standard 3 | https://ccsso.org/intasc/3 | 3',
];

/** The map draws each label shortened (…) beside the list that shows it whole: the list is what is checked. */
const withoutDrawnLabels = (html: string) =>
  html.replace(/<text class="map-label[^"]*"[^>]*>[^<]*<\/text>/g, '');

const searchModel: CatalogSearchModel = {
  query: { q: 'classroom', page: 2 },
  items: [
    {
      public_id: 'mc_1',
      slug: 'routines',
      organisation_slug: 'union',
      organisation_name: 'Union Academy',
      version: 1,
      title: design.title,
      competency: design.competency,
      in_language: 'en',
      effort_hours: 12,
      credit_hours: 0.5,
      earning_mode: 'reviewed_evidence',
      tags: design.tags,
      published_at: AT,
    },
    {
      public_id: 'mc_2',
      slug: 'circles',
      organisation_slug: 'union',
      organisation_name: 'Union Academy',
      version: 2,
      title: 'Circles',
      competency: design.competency,
      in_language: 'en',
      effort_hours: null,
      credit_hours: null,
      earning_mode: 'proof_of_completion',
      tags: [],
      published_at: AT,
    },
  ],
  total: 42,
  stacks: [{ slug: 'cm', name: 'Classroom Management' }],
  issuers: [{ slug: 'union', name: 'Union Academy' }],
  recognizers: [{ slug: 'board', name: 'Lakeside Board' }],
  recognized: new Map([
    [
      'mc_1',
      [
        {
          programId: 1,
          programPublicId: 'rp_1',
          programName: 'Renewal',
          licenseName: 'Teaching License',
          recognizerOrganisationId: 2,
          recognizerName: 'Lakeside Board',
          recognizerSlug: 'board',
          hoursGranted: 1,
          submissionId: 1,
          submissionPublicId: 'ps_1',
          endsOn: null,
        },
      ],
    ],
  ]),
  images: new Map([['mc_1', '/images/img_1.png']]),
  pageNo: 2,
  pages: 3,
  previousHref: '/catalog?page=1',
  nextHref: '/catalog?page=3',
};

const entryModel = (status: CatalogEntryModel['status']): CatalogEntryModel => ({
  design,
  languages: { words: 'en', criteria: 'en' },
  version: 2,
  status,
  orgName: 'Union Academy',
  orgSlug: 'union',
  mcSlug: 'routines',
  stacks: [{ name: 'Classroom Management', href: '/catalog?stack=cm' }],
  image: 'https://cairn.test/images/img_1.png',
  achievement: {} as CatalogEntryModel['achievement'],
  recognition: { recognitions: [], endorsements: [] },
  sessions: [],
  chosenSession: undefined,
  publicUrl: 'https://cairn.test/catalog/union/routines',
  applyAction: '/catalog/union/routines/apply',
  loginHref: '/login?next=%2Fcatalog%2Funion%2Froutines',
  achievementHref: '/catalog/union/routines/v/2/achievement.json',
});

const listModel: DesignListModel = {
  organisationName: 'Union Academy',
  newHref: '/orgs/union/micro-credentials/new',
  stacksHref: '/orgs/union/stacks',
  pathwaysHref: '/orgs/union/pathways',
  rows: (['Draft', 'Published', 'Retired'] as const).map((status, i) => ({
    title: design.title,
    href: '/orgs/union/micro-credentials/mc_1',
    version: i + 1,
    status,
  })),
};

const previewModel = (draftVersion: number | null): DesignPreviewModel => ({
  title: design.title,
  listHref: '/orgs/union/micro-credentials',
  version: 2,
  state: draftVersion === null ? 'published' : 'draft',
  draftVersion,
  live: { catalogHref: '/catalog/union/routines', recognitionHref: '/r', outcomesHref: '/o' },
  imageSrc: '/images/img_1.png',
  actions: { edit: '/e', publish: '/p', revise: '/v', retire: '/r', image: '/i' },
  design,
  spanishEdition: null,
  history: [
    { at: AT, action: 'created', actor: 'Dee Designer', version: null },
    { at: AT, action: 'revision_started', actor: null, version: 2 },
    { at: AT, action: 'retired', actor: 'Dee Designer', version: 2 },
  ],
  versions: [
    { version: 1, status: 'superseded', publishedAt: AT },
    { version: 2, status: 'draft', publishedAt: null },
  ],
});

/** A design with a Spanish edition, and the preview that shows both editions. */
const spanishEdition = {
  name: 'Rutinas en el aula',
  description: 'El educador enseña rutinas.\n\nUna microcredencial basada en el desempeño.',
  criteria: 'Un plan, un vídeo y una reflexión.',
};
const withSpanish: Design = { ...design, spanishEdition };
const previewWithSpanish: DesignPreviewModel = {
  ...previewModel(2),
  design: withSpanish,
  spanishEdition: {
    design: designForReader(withSpanish, 'es'),
    languages: shownLanguages(withSpanish, 'es'),
  },
};

const editModel: Extract<EditDesignModel, { frozen: false }> = {
  frozen: false,
  title: design.title,
  version: 2,
  previewHref: '/orgs/union/micro-credentials/mc_1',
  action: '/orgs/union/micro-credentials/mc_1/edit',
  values: formFromDesign(design),
};

const stacksModel: StacksModel = {
  organisationName: 'Union Academy',
  stacks: [
    {
      name: 'Classroom Management',
      description: 'Toward the certificate',
      catalogHref: '/c',
      deleteAction: '/d',
    },
  ],
  choices: [{ publicId: 'mc_1', title: design.title }],
  createAction: '/orgs/union/stacks',
};

const pathwayListModel = (count: number): PathwayListModel => ({
  organisation: { slug: 'union', name: 'Union Academy' },
  designsHref: '/orgs/union/micro-credentials',
  pathways: Array.from({ length: count }, () => ({
    name: 'Routines certificate',
    editHref: '/e',
    publicHref: '/pathways/pw_1',
    steps: 2,
  })),
  newHref: '/orgs/union/pathways/new',
});

const pathwayFormModel = (over: Partial<PathwayFormModel> = {}): PathwayFormModel => ({
  organisation: { slug: 'union', name: 'Union Academy' },
  editing: { name: 'Routines certificate' },
  action: '/orgs/union/pathways/pw_1/edit',
  choices: [
    { publicId: 'mc_1', title: design.title, inCatalog: true },
    { publicId: 'mc_2', title: 'Circles', inCatalog: false },
  ],
  steps: [
    { kind: 'all', count: '', chosen: ['mc_1'] },
    { kind: 'some', count: '1', chosen: ['mc_2'] },
  ],
  values: {
    name: 'Routines certificate',
    slug: '',
    description: 'Toward the certificate',
    achievementType: 'Certificate',
    inOrder: 'on',
  },
  tooComplex: false,
  publicHref: '/pathways/pw_1',
  listHref: '/orgs/union/pathways',
  designsHref: '/orgs/union/micro-credentials',
  ...over,
});

const pathwayPageModel = (signedIn: boolean): PathwayPageModel => ({
  pathway: {
    publicId: 'pw_1',
    name: 'Routines certificate',
    description: 'Toward the certificate',
    organisation: 'Union Academy',
    achievementType: 'CertificateOfCompletion',
  },
  progress: signedIn ? { done: 1, needed: 2, satisfied: false } : null,
  requirement: {
    kind: 'group',
    label: { kind: 'ordered' },
    satisfied: false,
    ordered: true,
    items: [
      { kind: 'microCredential', title: design.title, held: true, earnedOn: '2026-03-04', href: '/c' },
      {
        kind: 'group',
        label: { kind: 'some', count: 1 },
        satisfied: false,
        items: [
          { kind: 'microCredential', title: 'Circles', held: false, earnedOn: null, href: '/c2' },
          { kind: 'microCredential', title: null, held: false, earnedOn: null, href: null },
        ],
      },
      { kind: 'group', label: { kind: 'pathway', name: null }, satisfied: false, items: [] },
      { kind: 'group', label: { kind: 'pathway', name: 'Circles' }, satisfied: false, items: [] },
      { kind: 'group', label: { kind: 'all' }, satisfied: false, items: [] },
    ],
  },
  have: [{ title: design.title, earnedOn: AT }],
  missing: [
    { title: 'Circles', href: '/c2' },
    { title: null, href: null },
  ],
  loginHref: '/login?next=%2Fpathways%2Fpw_1',
});

/** A failed form as a command leaves it (English), as the page shows it in a language. */
const failedForm = (locale: (typeof LOCALES)[number]) =>
  translateProblems(translator(locale, { pseudo: true }), {
    values: { title: '' },
    errors: {
      title: 'Give it a title of at least 3 characters.',
      'rubric.criteria.0.descriptors':
        'Criterion “Routine plan” needs a descriptor for every level (missing: beginning).',
      step_1_count: 'Enter how many are needed: a whole number from 1 to 2.',
    },
    message: 'Some fields need attention.',
  });

const VIEWS: Array<[string, (locale: (typeof LOCALES)[number]) => Child]> = [
  ['catalog list', () => <CatalogSearchView model={searchModel} />],
  ['catalog list, no search', () => <CatalogSearchView model={{ ...searchModel, query: {}, total: 1 }} />],
  [
    'micro-credential page',
    () => <CatalogEntryView model={entryModel('published')} loggedIn csrfToken="x" />,
  ],
  [
    'micro-credential page, superseded, logged out',
    () => <CatalogEntryView model={entryModel('superseded')} loggedIn={false} csrfToken="x" />,
  ],
  [
    'micro-credential body, minimum pass rule',
    () => (
      <MicroCredentialBody
        d={{ ...design, rubric: { ...design.rubric!, passRule: { type: 'minimum', count: 1 } } }}
        version={1}
      />
    ),
  ],
  ['designer list', () => <DesignListView model={listModel} />],
  ['new design', (l) => <NewDesignView form={failedForm(l)} action="/n" csrfToken="x" />],
  ['design preview, draft', () => <DesignPreviewView model={previewModel(2)} csrfToken="x" />],
  ['design preview, published', () => <DesignPreviewView model={previewModel(null)} csrfToken="x" />],
  [
    'design preview, with a Spanish edition',
    () => <DesignPreviewView model={previewWithSpanish} csrfToken="x" />,
  ],
  [
    'design form',
    (l) => (
      <EditDesignView model={editModel} form={{ ...failedForm(l), values: editModel.values }} csrfToken="x" />
    ),
  ],
  ['stacks', (l) => <StacksView model={stacksModel} form={failedForm(l)} csrfToken="x" />],
  ['pathway list', () => <PathwayListView model={pathwayListModel(1)} />],
  ['pathway list, empty', () => <PathwayListView model={pathwayListModel(0)} />],
  ['pathway form', (l) => <PathwayFormView model={pathwayFormModel()} form={failedForm(l)} csrfToken="x" />],
  [
    'new pathway form, nothing to choose',
    (l) => (
      <PathwayFormView
        model={pathwayFormModel({ editing: null, choices: [], publicHref: null })}
        form={failedForm(l)}
        csrfToken="x"
      />
    ),
  ],
  [
    'pathway form, too complex',
    (l) => (
      <PathwayFormView model={pathwayFormModel({ tooComplex: true })} form={failedForm(l)} csrfToken="x" />
    ),
  ],
  ['pathway page, signed in', () => <PathwayPageView model={pathwayPageModel(true)} />],
  ['pathway page, visitor', () => <PathwayPageView model={pathwayPageModel(false)} />],
];

describe('the catalog pages speak from the catalogue', () => {
  for (const locale of LOCALES)
    for (const [name, view] of VIEWS)
      test(`${name} (${locale})`, () => {
        const html = withoutDrawnLabels(renderPseudo(view(locale), locale));
        assert.deepEqual(textsOutsideCatalogue(html, DATA), [], name);
      });

  test('Spanish pages read in Spanish: counts, dates, fees, steps', () => {
    const list = renderIn('es', <CatalogSearchView model={searchModel} />);
    assert.match(list, /42 microcredenciales coinciden con «classroom»\./);
    assert.match(list, /Reconocida por Lakeside Board por 1 hora \(Teaching License\)/);
    assert.match(list, /0,5 horas de crédito/);
    const body = renderIn('es', <MicroCredentialBody d={design} version={1} />);
    assert.match(body, /25,00\sUSD/);
    assert.match(body, /24 meses/);
    const preview = renderIn('es', <DesignPreviewView model={previewModel(2)} csrfToken="x" />);
    assert.match(preview, /UTC — nueva versión iniciada por Cairn \(versión 2\)/);
    assert.match(preview, /Versión 1: sustituida, publicada el 4 mar 2026/);
    const form = renderIn(
      'es',
      <PathwayFormView model={pathwayFormModel()} form={failedForm('es')} csrfToken="x" />,
    );
    assert.match(form, /Circles \(no está en el catálogo\)/);
  });

  test('a command’s English message is shown in the reader’s language, its values kept', () => {
    const form = translateProblems(translator('es'), {
      values: {},
      errors: {
        step_0_count: 'Enter how many are needed: a whole number from 1 to 3.',
        other: 'Unknown text.',
      },
      message: 'This draft is not ready to publish.',
    });
    assert.deepEqual(form.errors, {
      step_0_count: 'Indica cuántas se necesitan: un número entero del 1 al 3.',
      other: 'Unknown text.',
    });
    assert.equal(form.message, 'Este borrador todavía no está listo para publicarse.');
  });
});
