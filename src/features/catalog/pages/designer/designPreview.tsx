import { notFound } from '../../../../domain/errors.ts';
import type { Db } from '../../../../storage/database.ts';
import { listSubjectAudit } from '../../../../storage/audit.ts';
import { ActionButton, CsrfField } from '../../../../web/forms.tsx';
import { requireMember } from '../../../accounts/index.ts';
import { recordsOutcomes } from '../../../earning/index.ts';
import type { Design } from '../../microCredential.ts';
import { badgeImagePath, catalogEntryPath, designActionPath, designsPath } from '../../paths.ts';
import { versionToDesign } from '../../queries/catalog.ts';
import { findMicroCredential, imagePublicId, listVersions } from '../../queries/designs.ts';
import { MicroCredentialBody } from '../microCredentialView.tsx';

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
  history: string[];
  versions: string[];
}

const minute = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16);

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
            recognitionHref: `/orgs/${organisation.slug}/recognition/submit?mc=${mc.public_id}`,
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
    design: versionToDesign(shown),
    history: history.map(
      (h) =>
        `${minute(h.created_at)} UTC — ${h.action.replace('micro_credential.', '').replace(/_/g, ' ')} by ${
          h.actor_name ?? 'Cairn'
        }${typeof h.data.version === 'number' ? ` (version ${h.data.version})` : ''}`,
    ),
    versions: versions.map(
      (v) =>
        `Version ${v.version}: ${v.status}${v.published_at ? `, published ${v.published_at.toISOString().slice(0, 10)}` : ''}`,
    ),
  };
}

function Actions({ model, csrfToken }: { model: DesignPreviewModel; csrfToken: string }) {
  const { actions, live } = model;
  return (
    <p>
      {model.draftVersion !== null ? (
        <>
          <a class="button" href={actions.edit}>
            Edit draft
          </a>{' '}
          <ActionButton
            action={actions.publish}
            csrfToken={csrfToken}
            label={`Publish version ${model.draftVersion}`}
          />{' '}
        </>
      ) : (
        <ActionButton
          action={actions.revise}
          csrfToken={csrfToken}
          label="Start a new version"
          variant="secondary"
        />
      )}{' '}
      {live && (
        <>
          <a href={live.catalogHref}>View in the catalog</a>{' '}
          <a href={live.recognitionHref}>Submit for recognition</a>{' '}
          {live.outcomesHref && <a href={live.outcomesHref}>Record outcomes</a>}{' '}
          <ActionButton action={actions.retire} csrfToken={csrfToken} label="Retire" variant="danger" />
        </>
      )}
    </p>
  );
}

function BadgeImageForms({ action, csrfToken }: { action: string; csrfToken: string }) {
  return (
    <section class="card">
      <h2>Badge image</h2>
      <form method="post" action={action} enctype="multipart/form-data" class="stack">
        <CsrfField token={csrfToken} />
        <div class="field">
          <label for="f-image">Upload a PNG or SVG (512 KB at most)</label>
          <input id="f-image" name="image" type="file" accept="image/png,image/svg+xml" />
        </div>
        <button type="submit" class="secondary">
          Upload image
        </button>
      </form>
      <form method="post" action={action} class="inline">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="generate" value="1" />
        <label for="f-colour">Badge colour</label>{' '}
        <input id="f-colour" name="colour" type="color" value="#1f5f8b" />{' '}
        <button type="submit" class="secondary">
          Generate a default badge
        </button>
      </form>
    </section>
  );
}

export function DesignPreviewView({ model, csrfToken }: { model: DesignPreviewModel; csrfToken: string }) {
  return (
    <>
      <p class="muted">
        <a href={model.listHref}>Micro-credentials</a> · Preview of version {model.version} ({model.state})
      </p>
      <h1>{model.title}</h1>
      <Actions model={model} csrfToken={csrfToken} />
      {model.imageSrc && (
        <img src={model.imageSrc} alt="Badge image" width="128" height="128" class="float-end" />
      )}
      {model.draftVersion !== null && <BadgeImageForms action={model.actions.image} csrfToken={csrfToken} />}
      <MicroCredentialBody d={model.design} version={model.version} />
      <section class="card">
        <h2>Change history</h2>
        <ul>
          {model.history.map((h) => (
            <li>{h}</li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>Versions</h2>
        <ul>
          {model.versions.map((v) => (
            <li>{v}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
