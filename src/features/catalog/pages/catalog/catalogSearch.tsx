import type { Db } from '../../../../storage/database.ts';
import { recognitionsForCatalog, recognizerOptions } from '../../../recognition/index.ts';
import { EARNING_MODES } from '../../microCredential.ts';
import { badgeImagePath, catalogEntryPath, catalogPath } from '../../paths.ts';
import { catalogImages } from '../../queries/catalogImages.ts';
import { IssuerMark } from '../../../../web/components/IssuerMark.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import { textLang } from '../../../../web/components/textLanguage.ts';
import { issuerOptions, searchCatalog, type CatalogQuery } from '../../queries/catalog.ts';
import { allStacks } from '../../queries/stacks.ts';

const PAGE_SIZE = 20;
const SORTS = ['relevance', 'newest', 'title', 'effort'] as const;

export type CatalogSearchModel = Awaited<ReturnType<typeof loadCatalogSearch>>;

/** One page of the catalog for these filters, with what the filters may choose from. */
export async function loadCatalogSearch(db: Db, query: CatalogQuery, now: Date, url: string) {
  const [{ items, total }, stacks, issuers, recognizers] = await Promise.all([
    searchCatalog(db, query),
    allStacks(db),
    issuerOptions(db),
    recognizerOptions(db),
  ]);
  const [recognized, images] = await Promise.all([
    recognitionsForCatalog(db, items, now),
    catalogImages(
      db,
      items.map((i) => i.public_id),
    ),
  ]);
  const pageNo = query.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (p: number) => {
    const u = new URL(url);
    u.searchParams.set('page', String(p));
    return `${u.pathname}${u.search}`;
  };
  return {
    query,
    items,
    total,
    stacks,
    issuers,
    recognizers,
    recognized,
    /** Each entry's badge image (micro-credential public id → image path); a monogram of the issuer otherwise. */
    images: new Map([...images].map(([mc, image]) => [mc, badgeImagePath(image)])),
    pageNo,
    pages,
    previousHref: pageNo > 1 ? link(pageNo - 1) : null,
    nextHref: pageNo < pages ? link(pageNo + 1) : null,
  };
}

/** One labelled filter select: the empty choice first, then the given options. */
function FilterSelect(props: {
  label: string;
  name: string;
  empty: string;
  selected: string | undefined;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <label>
      {props.label}{' '}
      <select name={props.name}>
        {props.empty && <option value="">{props.empty}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={props.selected === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const bySlug = (rows: readonly { slug: string; name: string }[]) =>
  rows.map((r) => ({ value: r.slug, label: r.name }));

function SearchForm({ model }: { model: CatalogSearchModel }) {
  const q = model.query;
  const { t } = useT();
  return (
    <form method="get" action={catalogPath()} class="card" role="search">
      <div class="field">
        <label for="f-q">{t('catalog.search.search')}</label>
        <input
          id="f-q"
          name="q"
          type="text"
          value={q.q ?? ''}
          placeholder={t('catalog.search.placeholder')}
        />
      </div>
      <div class="row mt-4">
        <FilterSelect
          label={t('catalog.search.stack')}
          name="stack"
          empty={t('catalog.search.all')}
          selected={q.stack}
          options={bySlug(model.stacks)}
        />
        <FilterSelect
          label={t('catalog.search.issuer')}
          name="issuer"
          empty={t('catalog.search.all')}
          selected={q.issuer}
          options={bySlug(model.issuers)}
        />
        <FilterSelect
          label={t('catalog.search.recognizedBy')}
          name="recognizedBy"
          empty={t('catalog.search.any')}
          selected={q.recognizedBy}
          options={bySlug(model.recognizers)}
        />
        <FilterSelect
          label={t('catalog.search.mode')}
          name="mode"
          empty={t('catalog.search.any')}
          selected={q.mode}
          options={EARNING_MODES.map((m) => ({ value: m, label: t(`catalog.modes.${m}`) }))}
        />
        <label>
          {t('catalog.search.maxEffort')}{' '}
          <input
            name="maxEffort"
            type="number"
            min="0"
            step="1"
            value={q.maxEffort ?? ''}
            class="short-input"
          />
        </label>
        <label>
          {t('catalog.search.minCredits')}{' '}
          <input
            name="minCredits"
            type="number"
            min="0"
            step="0.5"
            value={q.minCredits ?? ''}
            class="short-input"
          />
        </label>
        <FilterSelect
          label={t('catalog.search.sort')}
          name="sort"
          empty=""
          selected={q.sort}
          options={SORTS.map((s) => ({ value: s, label: t(`catalog.search.sorts.${s}`) }))}
        />
      </div>
      <p>
        <button type="submit">{t('catalog.search.submit')}</button>
      </p>
    </form>
  );
}

/** An entry's picture: its badge image (decoration: the title is beside it), or its issuer's monogram. */
function EntryPicture({ image, issuer }: { image: string | undefined; issuer: string }) {
  if (image) return <img class="badge-image" src={image} alt="" width="64" height="64" loading="lazy" />;
  return (
    <span class="badge-image-none">
      <IssuerMark name={issuer} size={56} />
    </span>
  );
}

function Results({ model }: { model: CatalogSearchModel }) {
  const { t, number, locale } = useT();
  const hours = (n: number | null) => (n === null ? '—' : t('catalog.hours', { hours: number(n) }));
  return (
    <ul class="plain-list">
      {model.items.map((i) => (
        <li class="card catalog-item">
          <EntryPicture image={model.images.get(i.public_id)} issuer={i.organisation_name} />
          <div>
            <h2 class="card-title" lang={textLang(i.in_language, locale)}>
              <a href={catalogEntryPath(i.organisation_slug, i.slug)}>{i.title}</a>
            </h2>
            <p class="muted">
              {i.organisation_name} · {t(`catalog.modes.${i.earning_mode}`)} ·{' '}
              {t('catalog.search.effort', { hours: hours(i.effort_hours) })} ·{' '}
              {t('catalog.search.creditHours', { count: i.credit_hours ?? 0 })}
            </p>
            <p lang={textLang(i.in_language, locale)}>{i.competency}</p>
            {(model.recognized.get(i.public_id) ?? []).map((r) => (
              <p class="recognized">
                {t('catalog.search.recognized', {
                  recognizer: r.recognizerName,
                  hours: r.hoursGranted,
                  license: r.licenseName,
                })}
              </p>
            ))}
            {i.tags.map((tag) => (
              // A space between tags, so they read as separate words.
              <>
                <span class="tag">{tag}</span>{' '}
              </>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function CatalogSearchView({ model }: { model: CatalogSearchModel }) {
  const { total, query } = model;
  const { t } = useT();
  return (
    <>
      <h1>{t('catalog.search.heading')}</h1>
      <SearchForm model={model} />
      <p role="status">
        {query.q
          ? t('catalog.search.countMatching', { count: total, query: query.q })
          : t('catalog.search.count', { count: total })}
      </p>
      <Results model={model} />
      {model.pages > 1 && (
        <nav aria-label={t('catalog.search.pages')}>
          {model.previousHref && <a href={model.previousHref}>{t('catalog.search.previous')}</a>}{' '}
          {t('catalog.search.page', { page: model.pageNo, pages: model.pages })}{' '}
          {model.nextHref && <a href={model.nextHref}>{t('catalog.search.next')}</a>}
        </nav>
      )}
    </>
  );
}
