import type { Db } from '../../../../storage/database.ts';
import { recognitionsForCatalog, recognizerOptions } from '../../../recognition/index.ts';
import { EARNING_MODES, EARNING_MODE_LABELS } from '../../microCredential.ts';
import { badgeImagePath, catalogEntryPath, catalogPath } from '../../paths.ts';
import { catalogImages } from '../../queries/catalogImages.ts';
import { IssuerMark } from '../../../../web/components/IssuerMark.tsx';
import { issuerOptions, searchCatalog, type CatalogQuery } from '../../queries/catalog.ts';
import { allStacks } from '../../queries/stacks.ts';

const PAGE_SIZE = 20;
const hours = (n: number | null) => (n === null ? '—' : `${n} h`);

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
  return (
    <form method="get" action={catalogPath()} class="card" role="search">
      <div class="field">
        <label for="f-q">Search</label>
        <input
          id="f-q"
          name="q"
          type="text"
          value={q.q ?? ''}
          placeholder="e.g. classroom routines, trauma-informed"
        />
      </div>
      <div class="row mt-4">
        <FilterSelect
          label="Stack"
          name="stack"
          empty="All"
          selected={q.stack}
          options={bySlug(model.stacks)}
        />
        <FilterSelect
          label="Issuer"
          name="issuer"
          empty="All"
          selected={q.issuer}
          options={bySlug(model.issuers)}
        />
        <FilterSelect
          label="Recognized by"
          name="recognizedBy"
          empty="Any"
          selected={q.recognizedBy}
          options={bySlug(model.recognizers)}
        />
        <FilterSelect
          label="How it is earned"
          name="mode"
          empty="Any"
          selected={q.mode}
          options={EARNING_MODES.map((m) => ({ value: m, label: EARNING_MODE_LABELS[m] }))}
        />
        <label>
          Effort at most (h){' '}
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
          Credit hours at least{' '}
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
          label="Sort"
          name="sort"
          empty=""
          selected={q.sort}
          options={(['relevance', 'newest', 'title', 'effort'] as const).map((s) => ({ value: s, label: s }))}
        />
      </div>
      <p>
        <button type="submit">Search</button>
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
  return (
    <ul class="plain-list">
      {model.items.map((i) => (
        <li class="card catalog-item">
          <EntryPicture image={model.images.get(i.public_id)} issuer={i.organisation_name} />
          <div>
            <h2 class="card-title">
              <a href={catalogEntryPath(i.organisation_slug, i.slug)}>{i.title}</a>
            </h2>
            <p class="muted">
              {i.organisation_name} · {EARNING_MODE_LABELS[i.earning_mode]} · effort {hours(i.effort_hours)} ·{' '}
              {i.credit_hours ?? 0} credit hours
            </p>
            <p>{i.competency}</p>
            {(model.recognized.get(i.public_id) ?? []).map((r) => (
              <p class="recognized">
                Recognized by {r.recognizerName} for {r.hoursGranted} hour{r.hoursGranted === 1 ? '' : 's'} (
                {r.licenseName})
              </p>
            ))}
            {i.tags.map((t) => (
              <span class="tag">{t}</span>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function CatalogSearchView({ model }: { model: CatalogSearchModel }) {
  const { total, query } = model;
  return (
    <>
      <h1>Micro-credentials</h1>
      <SearchForm model={model} />
      <p role="status">
        {total} micro-credential{total === 1 ? '' : 's'}
        {query.q ? ` matching “${query.q}”` : ''}.
      </p>
      <Results model={model} />
      {model.pages > 1 && (
        <nav aria-label="Pages">
          {model.previousHref && <a href={model.previousHref}>Previous</a>} Page {model.pageNo} of{' '}
          {model.pages} {model.nextHref && <a href={model.nextHref}>Next</a>}
        </nav>
      )}
    </>
  );
}
