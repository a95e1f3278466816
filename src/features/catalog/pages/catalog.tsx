import { Hono, type Context } from 'hono';
import { raw } from 'hono/html';
import { notFound } from '../../../domain/errors.ts';
import { EARNING_MODES, EARNING_MODE_LABELS } from '../microCredential.ts';
import { searchCatalog, versionToDesign } from '../queries/catalog.ts';
import { recognitionsForCatalog } from '../../recognition/index.ts';
import { achievementFromDesign, achievementJson, achievementUrl } from '../achievement.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import { catalogQuery } from '../api/catalogApi.ts';
import type { AppEnv } from '../../../http/env.ts';
import { page } from '../../../web/render.tsx';
import { MicroCredentialBody } from './microCredentialView.tsx';
import { imageUrl } from './badgeImages.ts';
import { ProofApplyForm } from '../../payments/index.ts';
import { ActionButton } from '../../../web/forms.tsx';
import { RecognitionPanel, recognitionPanelData, recognizerOptions } from '../../recognition/index.ts';

type C = Context<AppEnv>;
const hours = (n: number | null) => (n === null ? '—' : `${n} h`);

async function findVersion(c: C, version?: number) {
  const { db } = c.var.deps;
  let q = db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('badge_images as i', 'i.id', 'v.image_id')
    .selectAll('v')
    .select([
      'm.id as mc_id',
      'm.slug as mc_slug',
      'm.retired_at',
      'o.slug as org_slug',
      'o.name as org_name',
      'i.public_id as image_public_id',
    ])
    .where('o.slug', '=', c.req.param('org') ?? '')
    .where('m.slug', '=', c.req.param('mc') ?? '');
  q =
    version === undefined
      ? q.where('v.status', '=', 'published').where('m.retired_at', 'is', null)
      : q.where('v.version', '=', version).where('v.status', '!=', 'draft');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('That micro-credential');
  return row;
}

/** The public catalog: browse, search and filter published micro-credentials; detail pages; OB 3.0 Achievement JSON. */
export function catalogRoutes() {
  const r = new Hono<AppEnv>();

  r.get('/catalog', async (c) => {
    const query = catalogQuery(c);
    const { db } = c.var.deps;
    const [{ items, total }, stacks, issuers, recognizers] = await Promise.all([
      searchCatalog(db, query),
      db.selectFrom('stacks').select(['slug', 'name']).orderBy('name').limit(200).execute(),
      db
        .selectFrom('organisations')
        .select(['slug', 'name'])
        .where('kind', '!=', 'recognizer')
        .orderBy('name')
        .limit(200)
        .execute(),
      recognizerOptions(db),
    ]);
    const recognized = await recognitionsForCatalog(db, items, c.var.deps.clock.now());
    const pageNo = query.page ?? 1;
    const pages = Math.max(1, Math.ceil(total / 20));
    const link = (p: number) => {
      const u = new URL(c.req.url);
      u.searchParams.set('page', String(p));
      return `${u.pathname}${u.search}`;
    };
    return page(
      c,
      'Catalog',
      <>
        <h1>Micro-credentials</h1>
        <form method="get" action="/catalog" class="card" role="search">
          <div class="field">
            <label for="f-q">Search</label>
            <input
              id="f-q"
              name="q"
              type="text"
              value={query.q ?? ''}
              placeholder="e.g. classroom routines, trauma-informed"
            />
          </div>
          <div style="display:flex;gap:12px;flex-wrap:wrap;margin-top:10px">
            <label>
              Stack{' '}
              <select name="stack">
                <option value="">All</option>
                {stacks.map((s) => (
                  <option value={s.slug} selected={query.stack === s.slug}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Issuer{' '}
              <select name="issuer">
                <option value="">All</option>
                {issuers.map((o) => (
                  <option value={o.slug} selected={query.issuer === o.slug}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Recognized by{' '}
              <select name="recognizedBy">
                <option value="">Any</option>
                {recognizers.map((o) => (
                  <option value={o.slug} selected={query.recognizedBy === o.slug}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              How it is earned{' '}
              <select name="mode">
                <option value="">Any</option>
                {EARNING_MODES.map((m) => (
                  <option value={m} selected={query.mode === m}>
                    {EARNING_MODE_LABELS[m]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Effort at most (h){' '}
              <input
                name="maxEffort"
                type="number"
                min="0"
                step="1"
                value={query.maxEffort ?? ''}
                style="width:6em"
              />
            </label>
            <label>
              Credit hours at least{' '}
              <input
                name="minCredits"
                type="number"
                min="0"
                step="0.5"
                value={query.minCredits ?? ''}
                style="width:6em"
              />
            </label>
            <label>
              Sort{' '}
              <select name="sort">
                {(['relevance', 'newest', 'title', 'effort'] as const).map((s) => (
                  <option value={s} selected={query.sort === s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p>
            <button type="submit">Search</button>
          </p>
        </form>
        <p role="status">
          {total} micro-credential{total === 1 ? '' : 's'}
          {query.q ? ` matching “${query.q}”` : ''}.
        </p>
        <ul style="list-style:none;padding:0">
          {items.map((i) => (
            <li class="card">
              <h2 style="margin:0 0 4px">
                <a href={`/catalog/${i.organisation_slug}/${i.slug}`}>{i.title}</a>
              </h2>
              <p class="muted">
                {i.organisation_name} · {EARNING_MODE_LABELS[i.earning_mode]} · effort {hours(i.effort_hours)}{' '}
                · {i.credit_hours ?? 0} credit hours
              </p>
              <p>{i.competency}</p>
              {(recognized.get(i.public_id) ?? []).map((r) => (
                <p class="recognized">
                  Recognized by {r.recognizerName} for {r.hoursGranted} hour{r.hoursGranted === 1 ? '' : 's'}{' '}
                  ({r.licenseName})
                </p>
              ))}
              {i.tags.map((t) => (
                <span class="tag">{t}</span>
              ))}
            </li>
          ))}
        </ul>
        {pages > 1 && (
          <nav aria-label="Pages">
            {pageNo > 1 && <a href={link(pageNo - 1)}>Previous</a>} Page {pageNo} of {pages}{' '}
            {pageNo < pages && <a href={link(pageNo + 1)}>Next</a>}
          </nav>
        )}
      </>,
    );
  });

  const detail = async (c: C, version?: number) => {
    const v = await findVersion(c, version);
    const d = versionToDesign(v);
    const { config, db } = c.var.deps;
    const url = achievementUrl(config.publicUrl, v.org_slug, v.mc_slug, v.version);
    const image = v.image_public_id ? imageUrl(config.publicUrl, v.image_public_id) : null;
    const achievement = achievementJson(achievementFromDesign(d, { id: url, version: v.version, image }), {
      id: organisationDid(config.publicUrl, v.org_slug),
      name: v.org_name,
    });
    const recognition = await recognitionPanelData(db, v.mc_id, v.version, c.var.deps.clock.now());
    const stacks = await db
      .selectFrom('stack_members as sm')
      .innerJoin('stacks as s', 's.id', 'sm.stack_id')
      .select(['s.slug', 's.name'])
      .where('sm.micro_credential_id', '=', v.mc_id)
      .execute();
    const head = (
      <>
        <meta property="og:type" content="website" />
        <meta property="og:title" content={`${d.title} — ${v.org_name}`} />
        <meta property="og:description" content={d.competency || d.description.slice(0, 200)} />
        <meta property="og:url" content={`${config.publicUrl}/catalog/${v.org_slug}/${v.mc_slug}`} />
        <meta name="twitter:card" content="summary" />
        {image && <meta property="og:image" content={image} />}
        <script type="application/ld+json">
          {raw(JSON.stringify(achievement).replace(/</g, '\\u003c'))}
        </script>
      </>
    );
    return page(
      c,
      d.title,
      <>
        <p class="muted">
          <a href="/catalog">Catalog</a> · {v.org_name}
          {stacks.map((s) => (
            <>
              {' · '}
              <a href={`/catalog?stack=${s.slug}`}>{s.name}</a>
            </>
          ))}
        </p>
        {image && <img src={image} alt={`${d.title} badge`} width="128" height="128" style="float:right" />}
        <h1>{d.title}</h1>
        {v.status === 'superseded' && (
          <p class="flash info">
            You are looking at version {v.version}, which a newer version has replaced.
          </p>
        )}
        {v.status === 'published' && d.earningMode === 'reviewed_evidence' && (
          <p>
            {c.var.viewer ? (
              <ActionButton
                action={`/catalog/${v.org_slug}/${v.mc_slug}/apply`}
                csrfToken={c.var.csrfToken}
                label="Apply"
              />
            ) : (
              <a
                class="button"
                href={`/login?next=${encodeURIComponent(`/catalog/${v.org_slug}/${v.mc_slug}`)}`}
              >
                Log in to apply
              </a>
            )}
          </p>
        )}
        {v.status === 'published' && d.earningMode === 'proof_of_completion' && (
          <ProofApplyForm
            d={d}
            orgSlug={v.org_slug}
            mcSlug={v.mc_slug}
            loggedIn={!!c.var.viewer}
            csrfToken={c.var.csrfToken}
          />
        )}
        <RecognitionPanel data={recognition} />
        <MicroCredentialBody d={d} version={v.version} />
        <p>
          <a href={`/catalog/${v.org_slug}/${v.mc_slug}/v/${v.version}/achievement.json`}>
            Open Badges 3.0 Achievement (JSON)
          </a>
        </p>
      </>,
      200,
      head,
    );
  };

  r.get('/catalog/stacks/:org/:stack/achievements.json', async (c) => {
    const { db, config } = c.var.deps;
    const stack = await db
      .selectFrom('stacks as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select(['s.id', 's.name', 's.description', 'o.slug as org_slug', 'o.name as org_name'])
      .where('o.slug', '=', c.req.param('org'))
      .where('s.slug', '=', c.req.param('stack'))
      .executeTakeFirst();
    if (!stack) throw notFound('That stack');
    const versions = await db
      .selectFrom('stack_members as sm')
      .innerJoin('catalog_entries as e', 'e.micro_credential_id', 'sm.micro_credential_id')
      .innerJoin('micro_credential_versions as v', 'v.id', 'e.version_id')
      .selectAll('v')
      .select(['e.slug as mc_slug'])
      .where('sm.stack_id', '=', stack.id)
      .orderBy('sm.position')
      .execute();
    const issuer = { id: organisationDid(config.publicUrl, stack.org_slug), name: stack.org_name };
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({
      stack: { name: stack.name, description: stack.description },
      achievements: versions.map((v) =>
        achievementJson(
          achievementFromDesign(versionToDesign(v), {
            id: achievementUrl(config.publicUrl, stack.org_slug, v.mc_slug, v.version),
            version: v.version,
          }),
          issuer,
        ),
      ),
    });
  });
  r.get('/catalog/:org/:mc', (c) => detail(c));
  r.get('/catalog/:org/:mc/v/:version', (c) => detail(c, Number(c.req.param('version')) || -1));
  r.get('/catalog/:org/:mc/v/:version/achievement.json', async (c) => {
    const v = await findVersion(c, Number(c.req.param('version')) || -1);
    const { config } = c.var.deps;
    const url = achievementUrl(config.publicUrl, v.org_slug, v.mc_slug, v.version);
    c.header('Access-Control-Allow-Origin', '*');
    const image = v.image_public_id ? imageUrl(config.publicUrl, v.image_public_id) : null;
    return c.json(
      achievementJson(achievementFromDesign(versionToDesign(v), { id: url, version: v.version, image }), {
        id: organisationDid(config.publicUrl, v.org_slug),
        name: v.org_name,
      }),
    );
  });
  return r;
}
