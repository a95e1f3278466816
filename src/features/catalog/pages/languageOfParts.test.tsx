import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completeDesign } from '../../../testing/catalogFixtures.ts';
import { languageOfText } from '../../../testing/pageQueries.ts';
import { renderIn } from '../../../web/i18n/catalogueCheck.tsx';
import { designForReader, shownLanguages } from '../languageEditions.ts';
import { designSchema, type Design } from '../microCredential.ts';
import { CatalogSearchView, type CatalogSearchModel } from './catalog/catalogSearch.tsx';
import { CatalogEntryView, type CatalogEntryModel } from './catalog/catalogEntry.tsx';
import { DesignPreviewView, type DesignPreviewModel } from './designer/designPreview.tsx';

// Language of parts (WCAG 3.1.2) on the catalog's pages: what an issuer wrote is marked with its
// language where it is not the page's, the Spanish edition (shown to readers of Spanish) as
// Spanish; text in the page's own language carries no lang of its own.

const AT = new Date('2026-03-04T05:06:00Z');
const edition = {
  name: 'Rutinas en el aula',
  description: 'El educador enseña rutinas.\n\nUna microcredencial basada en el desempeño.',
};
const english: Design = designSchema.parse(completeDesign('Classroom Routines'));
const withEdition: Design = { ...english, spanishEdition: edition };

const card = (over: Partial<CatalogSearchModel['items'][number]>): CatalogSearchModel['items'][number] => ({
  public_id: 'mc_1',
  slug: 'routines',
  organisation_slug: 'union',
  organisation_name: 'Union Academy',
  version: 1,
  title: english.title,
  competency: english.competency,
  in_language: 'en',
  effort_hours: 12,
  credit_hours: 0.5,
  earning_mode: 'reviewed_evidence',
  tags: [],
  published_at: AT,
  ...over,
});
const search: CatalogSearchModel = {
  query: {},
  items: [
    card({}),
    card({
      public_id: 'mc_2',
      title: edition.name,
      competency: 'El educador enseña rutinas.',
      in_language: 'es',
    }),
  ],
  total: 2,
  stacks: [],
  issuers: [],
  recognizers: [],
  recognized: new Map(),
  images: new Map(),
  pageNo: 1,
  pages: 1,
  previousHref: null,
  nextHref: null,
};

const entry = (d: Design, locale: string): CatalogEntryModel => ({
  design: designForReader(d, locale),
  languages: shownLanguages(d, locale),
  version: 1,
  status: 'published',
  orgName: 'Union Academy',
  orgSlug: 'union',
  mcSlug: 'routines',
  stacks: [],
  image: null,
  achievement: {} as CatalogEntryModel['achievement'],
  recognition: { recognitions: [], endorsements: [] },
  sessions: [],
  chosenSession: undefined,
  publicUrl: 'https://cairn.test/catalog/union/routines',
  applyAction: '/a',
  loginHref: '/l',
  achievementHref: '/catalog/union/routines/v/1/achievement.json',
});
const entryView = (d: Design, pageLocale: 'en' | 'es', readerLocale: string = pageLocale) =>
  renderIn(pageLocale, <CatalogEntryView model={entry(d, readerLocale)} loggedIn csrfToken="x" />);

describe('the catalog marks issuers’ words with their language', () => {
  test('catalog cards: English on a Spanish page is lang="en", the Spanish edition’s card is not marked', () => {
    const es = renderIn('es', <CatalogSearchView model={search} />);
    assert.equal(languageOfText(es, english.title), 'en');
    assert.equal(languageOfText(es, english.competency), 'en');
    assert.equal(languageOfText(es, edition.name), null, 'in the page’s language');
    const en = renderIn('en', <CatalogSearchView model={search} />);
    assert.equal(languageOfText(en, english.title), null, 'no redundant lang on an English page');
    assert.equal(languageOfText(en, edition.name), 'es');
  });

  test('the entry: a Spanish reader reads the Spanish edition, unmarked; criteria it lacks stay lang="en"', () => {
    const es = entryView(withEdition, 'es');
    assert.match(es, /<h1>Rutinas en el aula<\/h1>/);
    assert.equal(languageOfText(es, 'Una microcredencial basada en el desempeño.'), null);
    assert.equal(languageOfText(es, english.criteria), 'en', 'no Spanish criteria: the issuer’s, marked');
  });

  test('the entry: English words on a Spanish page are lang="en"; on an English page, no lang at all', () => {
    const es = entryView(english, 'es');
    assert.match(es, /<h1 lang="en">Classroom Routines<\/h1>/);
    for (const words of [english.competency, english.description, english.criteria])
      assert.equal(languageOfText(es, words), 'en');
    const en = entryView(withEdition, 'en');
    assert.match(en, /<h1>Classroom Routines<\/h1>/);
    assert.doesNotMatch(en, /\slang="/);
    const french = entryView({ ...english, inLanguage: 'fr' }, 'es');
    assert.equal(languageOfText(french, english.description), 'fr', 'the issuer’s language as recorded');
  });
});

describe('the designer previews both editions', () => {
  const preview = (d: Design): DesignPreviewModel => ({
    title: d.title,
    listHref: '/orgs/union/micro-credentials',
    version: 1,
    state: 'draft',
    draftVersion: 1,
    live: null,
    imageSrc: null,
    actions: { edit: '/e', publish: '/p', revise: '/v', retire: '/r', image: '/i' },
    design: d,
    spanishEdition: d.spanishEdition
      ? { design: designForReader(d, 'es'), languages: shownLanguages(d, 'es') }
      : null,
    history: [],
    versions: [{ version: 1, status: 'draft', publishedAt: null }],
  });

  test('a design with a Spanish edition: two previews, each labelled with its language', () => {
    const en = renderIn('en', <DesignPreviewView model={preview(withEdition)} csrfToken="x" />);
    assert.match(en, /<h2 id="h-preview-issuer">As you wrote it <span class="tag">English<\/span><\/h2>/);
    assert.match(en, /<h2 id="h-preview-es">Spanish edition <span class="tag">Spanish<\/span><\/h2>/);
    assert.equal(languageOfText(en, edition.name), 'es');
    assert.equal(languageOfText(en, 'Una microcredencial basada en el desempeño.'), 'es');
    assert.equal(languageOfText(en, english.description), null, 'the issuer’s words on an English page');
    const es = renderIn('es', <DesignPreviewView model={preview(withEdition)} csrfToken="x" />);
    assert.match(es, /Tal como lo escribiste <span class="tag">Inglés<\/span>/);
    assert.match(es, /Edición en español <span class="tag">Español<\/span>/);
    assert.match(es, /<h1 lang="en">Classroom Routines<\/h1>/);
    assert.equal(languageOfText(es, english.description), 'en');
    assert.equal(languageOfText(es, edition.name), null);
  });

  test('without a Spanish edition: one preview, no edition headings', () => {
    const en = renderIn('en', <DesignPreviewView model={preview(english)} csrfToken="x" />);
    assert.doesNotMatch(en, /h-preview-/);
    assert.doesNotMatch(en, /\slang="/);
  });
});
