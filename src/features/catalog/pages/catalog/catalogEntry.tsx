import { raw } from 'hono/html';
import { notFound } from '../../../../domain/errors.ts';
import type { Config } from '../../../../config.ts';
import { organisationDid } from '../../../../credentials/issuerIdentity.ts';
import type { Db } from '../../../../storage/database.ts';
import { ActionButton } from '../../../../web/forms.tsx';
import { IssuerMark } from '../../../../web/components/IssuerMark.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import { ProofApplyForm } from '../../../payments/index.ts';
import { approvedSessionsOf, RecognitionPanel, recognitionPanelData } from '../../../recognition/index.ts';
import { achievementFromDesign, achievementJson, achievementUrl } from '../../achievement.ts';
import { DEFAULT_CONTENT_LANGUAGE, designForReader, shownLanguages } from '../../languageEditions.ts';
import { useTextLang } from '../../../../web/components/textLanguage.ts';
import {
  achievementJsonPath,
  applyPath,
  catalogEntryPath,
  catalogOfStackPath,
  catalogPath,
  logInThenPath,
} from '../../paths.ts';
import { findCatalogVersion, versionToDesign } from '../../queries/catalog.ts';
import { stacksOf } from '../../queries/stacks.ts';
import { imageUrl } from '../badgeImages.ts';
import { MicroCredentialBody } from '../microCredentialView.tsx';

/** A catalog version (the live one, or a given published or superseded version), or not found. */
export async function catalogVersion(db: Db, orgSlug: string, mcSlug: string, version?: number) {
  const v = await findCatalogVersion(db, orgSlug, mcSlug, version);
  if (!v) throw notFound('microCredential');
  return v;
}

/** The OB 3.0 Achievement of a catalog version, as JSON. */
export function versionAchievement(config: Config, v: Awaited<ReturnType<typeof catalogVersion>>) {
  const url = achievementUrl(config.publicUrl, v.org_slug, v.mc_slug, v.version);
  const image = v.image_public_id ? imageUrl(config.publicUrl, v.image_public_id) : null;
  return achievementJson(achievementFromDesign(versionToDesign(v), { id: url, version: v.version, image }), {
    id: organisationDid(config.publicUrl, v.org_slug),
    name: v.org_name,
  });
}

export type CatalogEntryModel = Awaited<ReturnType<typeof loadCatalogEntry>>;

/** A micro-credential's public page: its design, stacks, recognition, and how to apply. */
export async function loadCatalogEntry(
  deps: { db: Db; config: Config },
  address: {
    orgSlug: string;
    mcSlug: string;
    version?: number;
    session?: string | undefined;
    locale?: string;
  },
  now: Date,
) {
  const { db, config } = deps;
  const v = await catalogVersion(db, address.orgSlug, address.mcSlug, address.version);
  const d = versionToDesign(v);
  const [recognition, stacks, sessions] = await Promise.all([
    recognitionPanelData(db, v.mc_id, v.version, now),
    stacksOf(db, v.mc_id),
    d.earningMode === 'proof_of_completion' ? approvedSessionsOf(db, v.mc_id) : Promise.resolve([]),
  ]);
  const entryHref = catalogEntryPath(v.org_slug, v.mc_slug);
  const locale = address.locale ?? DEFAULT_CONTENT_LANGUAGE;
  return {
    design: designForReader(d, locale),
    /** The languages of the words shown (the Spanish edition's, for a Spanish reader shown it). */
    languages: shownLanguages(d, locale),
    version: v.version,
    status: v.status,
    orgName: v.org_name,
    orgSlug: v.org_slug,
    mcSlug: v.mc_slug,
    stacks: stacks.map((s) => ({ name: s.name, href: catalogOfStackPath(s.slug) })),
    image: v.image_public_id ? imageUrl(config.publicUrl, v.image_public_id) : null,
    achievement: versionAchievement(config, v),
    recognition,
    sessions: sessions.map((s) => ({ publicId: s.public_id, label: s.label, startsOn: s.starts_on })),
    chosenSession: sessions.some((s) => s.public_id === address.session) ? address.session : undefined,
    publicUrl: `${config.publicUrl}${entryHref}`,
    applyAction: applyPath(v.org_slug, v.mc_slug),
    loginHref: logInThenPath(entryHref),
    achievementHref: achievementJsonPath(v.org_slug, v.mc_slug, v.version),
  };
}

/** Open Graph, Twitter and JSON-LD for link previews and search engines. */
export function CatalogEntryHead({ model }: { model: CatalogEntryModel }) {
  const d = model.design;
  return (
    <>
      <meta property="og:type" content="website" />
      <meta property="og:title" content={`${d.title} — ${model.orgName}`} />
      <meta property="og:description" content={d.competency || d.description.slice(0, 200)} />
      <meta property="og:url" content={model.publicUrl} />
      <meta name="twitter:card" content="summary" />
      {model.image && <meta property="og:image" content={model.image} />}
      <script type="application/ld+json">
        {raw(JSON.stringify(model.achievement).replace(/</g, '\\u003c'))}
      </script>
    </>
  );
}

function Apply({
  model,
  loggedIn,
  csrfToken,
}: {
  model: CatalogEntryModel;
  loggedIn: boolean;
  csrfToken: string;
}) {
  const d = model.design;
  const { t } = useT();
  if (model.status !== 'published') return null;
  if (d.earningMode === 'reviewed_evidence')
    return (
      <p>
        {loggedIn ? (
          <ActionButton action={model.applyAction} csrfToken={csrfToken} label={t('catalog.entry.apply')} />
        ) : (
          <a class="button" href={model.loginHref}>
            {t('catalog.entry.logInToApply')}
          </a>
        )}
      </p>
    );
  if (d.earningMode === 'proof_of_completion')
    return (
      <ProofApplyForm
        d={d}
        orgSlug={model.orgSlug}
        mcSlug={model.mcSlug}
        loggedIn={loggedIn}
        csrfToken={csrfToken}
        sessions={model.sessions}
        chosenSession={model.chosenSession}
      />
    );
  return null;
}

export function CatalogEntryView({
  model,
  loggedIn,
  csrfToken,
}: {
  model: CatalogEntryModel;
  loggedIn: boolean;
  csrfToken: string;
}) {
  const d = model.design;
  const { t } = useT();
  return (
    <>
      <p class="muted">
        <a href={catalogPath()}>{t('catalog.entry.catalog')}</a> · {model.orgName}
        {model.stacks.map((s) => (
          <>
            {' · '}
            <a href={s.href}>{s.name}</a>
          </>
        ))}
      </p>
      {model.image && <img src={model.image} alt="" width="128" height="128" class="float-end" />}
      <h1 lang={useTextLang(model.languages.words)}>{d.title}</h1>
      <p class="entry-issuer">
        <IssuerMark name={model.orgName} />
        <span>{t('components.badge.issuedBy', { issuer: model.orgName })}</span>
      </p>
      {model.status === 'superseded' && (
        <p class="flash info">{t('catalog.entry.superseded', { version: model.version })}</p>
      )}
      <Apply model={model} loggedIn={loggedIn} csrfToken={csrfToken} />
      <RecognitionPanel data={model.recognition} />
      <MicroCredentialBody d={d} version={model.version} languages={model.languages} />
      <p>
        <a href={model.achievementHref}>{t('catalog.entry.achievementJson')}</a>
      </p>
    </>
  );
}
