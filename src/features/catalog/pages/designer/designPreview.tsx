import { notFound } from '../../../../domain/errors.ts';
import type { Db } from '../../../../storage/database.ts';
import { listSubjectAudit } from '../../../../storage/audit.ts';
import { ActionButton, CsrfField } from '../../../../web/forms.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import type { Translator } from '../../../../web/i18n/i18n.ts';
import { requireMember } from '../../../accounts/index.ts';
import { recordsOutcomes } from '../../../earning/index.ts';
import { recognitionPaths } from '../../../recognition/index.ts';
import type { Design } from '../../microCredential.ts';
import { badgeImagePath, catalogEntryPath, designActionPath, designsPath } from '../../paths.ts';
import { versionToDesign } from '../../queries/catalog.ts';
import { findMicroCredential, imagePublicId, listVersions } from '../../queries/designs.ts';
import { MicroCredentialBody } from '../microCredentialView.tsx';
import { catalog } from '../../../../web/i18n/locales/en/catalog.ts';
import { useTextLang } from '../../../../web/components/textLanguage.ts';
import {
  DEFAULT_CONTENT_LANGUAGE,
  designForReader,
  EDITION_LANGUAGE,
  shownLanguages,
  type ShownLanguages,
} from '../../languageEditions.ts';
import { languageName } from './languageEditionFields.tsx';

export interface DesignPreviewModel {
  title: string;
  listHref: string;
  version: number;
  /** draft, published, superseded or retired */
  state: string;
  /** The draft's number when there is one: it can be edited, given an image and published. */
  draftVersion: number | null;
  /** Links for the published, live version (null when there is none). */
  live: { catalogHref: string; recognitionHref: string; outcomesHref: string | null } | null;
  imageSrc: string | null;
  actions: { edit: string; publish: string; revise: string; retire: string; image: string };
  design: Design;
  /** The design as readers of Spanish see it, when its issuer wrote a Spanish edition (else null). */
  spanishEdition: { design: Design; languages: ShownLanguages } | null;
  /** The change history: when, what (`created`, `published`, …), by whom (null: Cairn itself), which version. */
  history: Array<{ at: Date; action: string; actor: string | null; version: number | null }>;
  versions: Array<{ version: number; status: string; publishedAt: Date | null }>;
}

/** A micro-credential as designers preview it: the draft if there is one, else the published version. */
export async function loadDesignPreview(
  db: Db,
  userId: number,
  orgSlug: string,
  mcPublicId: string,
): Promise<DesignPreviewModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'catalog.design');
  const mc = await findMicroCredential(db, organisation.id, mcPublicId);
  if (!mc) throw notFound('microCredential');
  const versions = await listVersions(db, mc.id);
  const draft = versions.find((v) => v.status === 'draft');
  const published = versions.find((v) => v.status === 'published');
  const shown = draft ?? published ?? versions[0]!;
  const history = await listSubjectAudit(db, organisation.id, 'micro_credential', mc.public_id);
  const image = await imagePublicId(db, shown.image_id);
  const action = (a: Parameters<typeof designActionPath>[2]) =>
    designActionPath(organisation.slug, mc.public_id, a);
  const design = versionToDesign(shown);
  return {
    title: shown.title,
    listHref: designsPath(organisation.slug),
    version: shown.version,
    state: mc.retired_at ? 'retired' : shown.status,
    draftVersion: draft?.version ?? null,
    live:
      published && !mc.retired_at
        ? {
            catalogHref: catalogEntryPath(organisation.slug, mc.slug),
            recognitionHref: recognitionPaths.submit(organisation.slug, mc.public_id),
            outcomesHref: recordsOutcomes(versionToDesign(published).earningMode) ? action('outcomes') : null,
          }
        : null,
    imageSrc: image ? badgeImagePath(image) : null,
    actions: {
      edit: action('edit'),
      publish: action('publish'),
      revise: action('revise'),
      retire: action('retire'),
      image: action('image'),
    },
    design,
    spanishEdition: design.spanishEdition
      ? {
          design: designForReader(design, EDITION_LANGUAGE),
          languages: shownLanguages(design, EDITION_LANGUAGE),
        }
      : null,
    history: history.map((h) => ({
      at: h.created_at,
      action: h.action.replace('micro_credential.', ''),
      actor: h.actor_name,
      version: typeof h.data.version === 'number' ? h.data.version : null,
    })),
    versions: versions.map((v) => ({ version: v.version, status: v.status, publishedAt: v.published_at })),
  };
}

function Actions({ model, csrfToken }: { model: DesignPreviewModel; csrfToken: string }) {
  const { actions, live } = model;
  const { t } = useT();
  return (
    <p>
      {model.draftVersion !== null ? (
        <>
          <a class="button" href={actions.edit}>
            {t('catalog.designer.preview.editDraft')}
          </a>{' '}
          <ActionButton
            action={actions.publish}
            csrfToken={csrfToken}
            label={t('catalog.designer.preview.publish', { version: model.draftVersion })}
          />{' '}
        </>
      ) : (
        <ActionButton
          action={actions.revise}
          csrfToken={csrfToken}
          label={t('catalog.designer.preview.revise')}
          variant="secondary"
        />
      )}{' '}
      {live && (
        <>
          <a href={live.catalogHref}>{t('catalog.designer.preview.viewInCatalog')}</a>{' '}
          <a href={live.recognitionHref}>{t('catalog.designer.preview.submitForRecognition')}</a>{' '}
          {live.outcomesHref && (
            <a href={live.outcomesHref}>{t('catalog.designer.preview.recordOutcomes')}</a>
          )}{' '}
          <ActionButton
            action={actions.retire}
            csrfToken={csrfToken}
            label={t('catalog.designer.preview.retire')}
            variant="danger"
          />
        </>
      )}
    </p>
  );
}

function BadgeImageForms({ action, csrfToken }: { action: string; csrfToken: string }) {
  const { t } = useT();
  return (
    <section class="card">
      <h2>{t('catalog.designer.preview.imageHeading')}</h2>
      <form method="post" action={action} enctype="multipart/form-data" class="stack">
        <CsrfField token={csrfToken} />
        <div class="field">
          <label for="f-image">{t('catalog.designer.preview.uploadLabel')}</label>
          <input id="f-image" name="image" type="file" accept="image/png,image/svg+xml" />
        </div>
        <button type="submit" class="secondary">
          {t('catalog.designer.preview.upload')}
        </button>
      </form>
      <form method="post" action={action} class="inline">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="generate" value="1" />
        <label for="f-colour">{t('catalog.designer.preview.colour')}</label>{' '}
        <input id="f-colour" name="colour" type="color" value="#1f5f8b" />{' '}
        <button type="submit" class="secondary">
          {t('catalog.designer.preview.generate')}
        </button>
      </form>
    </section>
  );
}

type PreviewActions = keyof typeof catalog.designer.preview.actions;
type VersionState = keyof typeof catalog.designer.preview.states;
const isKnownAction = (a: string): a is PreviewActions => a in catalog.designer.preview.actions;
/** A version's state in words (draft, published, superseded, retired); an unknown one as stored. */
const stateWord = (t: Translator['t'], s: string) =>
  s in catalog.designer.preview.states ? t(`catalog.designer.preview.states.${s as VersionState}`) : s;

/** The change history and the list of versions, in the reader's words and dates. */
function HistoryAndVersions({ model }: { model: DesignPreviewModel }) {
  const { t, date } = useT();
  const state = (s: string) => stateWord(t, s);
  return (
    <>
      <section class="card">
        <h2>{t('catalog.designer.preview.history')}</h2>
        <ul>
          {model.history.map((h) => {
            const values = {
              when: date(h.at, { withTime: true }),
              action: isKnownAction(h.action)
                ? t(`catalog.designer.preview.actions.${h.action}`)
                : h.action.replace(/_/g, ' '),
              actor: h.actor ?? t('layout.brand'),
            };
            return (
              <li>
                {h.version === null
                  ? t('catalog.designer.preview.historyEntry', values)
                  : t('catalog.designer.preview.historyEntryVersion', { ...values, version: h.version })}
              </li>
            );
          })}
        </ul>
      </section>
      <section class="card">
        <h2>{t('catalog.designer.preview.versions')}</h2>
        <ul>
          {model.versions.map((v) => (
            <li>
              {v.publishedAt
                ? t('catalog.designer.preview.versionLinePublished', {
                    version: v.version,
                    status: state(v.status),
                    date: date(v.publishedAt),
                  })
                : t('catalog.designer.preview.versionLine', { version: v.version, status: state(v.status) })}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** The heading of one edition's preview, labelled with its language (shown when there are two). */
function EditionHeading({ id, label, language }: { id: string; label: string; language: string }) {
  const { t } = useT();
  return (
    <h2 id={id}>
      {label} <span class="tag">{languageName(t, language)}</span>
    </h2>
  );
}

/** What readers of Spanish see: the Spanish edition's name, description and criteria in the rest of the design. */
function SpanishPreview({
  edition,
  version,
}: {
  edition: NonNullable<DesignPreviewModel['spanishEdition']>;
  version: number;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="h-preview-es" data-edition={EDITION_LANGUAGE}>
      <EditionHeading
        id="h-preview-es"
        label={t('languageEditions.preview.spanishEdition')}
        language={EDITION_LANGUAGE}
      />
      <p class="hint">{t('languageEditions.preview.spanishHint')}</p>
      <p class="card-title" lang={useTextLang(edition.languages.words)}>
        <strong>{edition.design.title}</strong>
      </p>
      <MicroCredentialBody d={edition.design} version={version} languages={edition.languages} />
    </section>
  );
}

export function DesignPreviewView({ model, csrfToken }: { model: DesignPreviewModel; csrfToken: string }) {
  const { t } = useT();
  const issuers = model.design.inLanguage ?? DEFAULT_CONTENT_LANGUAGE;
  return (
    <>
      <p class="muted">
        <a href={model.listHref}>{t('catalog.designer.preview.list')}</a> ·{' '}
        {t('catalog.designer.preview.previewOf', {
          version: model.version,
          state: stateWord(t, model.state),
        })}
      </p>
      <h1 lang={useTextLang(issuers)}>{model.title}</h1>
      <Actions model={model} csrfToken={csrfToken} />
      {model.imageSrc && (
        <img
          src={model.imageSrc}
          alt={t('catalog.designer.preview.imageAlt')}
          width="128"
          height="128"
          class="float-end"
        />
      )}
      {model.draftVersion !== null && <BadgeImageForms action={model.actions.image} csrfToken={csrfToken} />}
      {model.spanishEdition ? (
        <>
          <section aria-labelledby="h-preview-issuer" data-edition={issuers}>
            <EditionHeading
              id="h-preview-issuer"
              label={t('languageEditions.preview.issuersEdition')}
              language={issuers}
            />
            <MicroCredentialBody d={model.design} version={model.version} />
          </section>
          <SpanishPreview edition={model.spanishEdition} version={model.version} />
        </>
      ) : (
        <MicroCredentialBody d={model.design} version={model.version} />
      )}
      <HistoryAndVersions model={model} />
    </>
  );
}
