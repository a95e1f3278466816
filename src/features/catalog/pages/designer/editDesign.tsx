import { notFound } from '../../../../domain/errors.ts';
import type { Db } from '../../../../storage/database.ts';
import type { FormState } from '../../../../web/forms.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import { requireMember } from '../../../accounts/index.ts';
import { designActionPath, designPath } from '../../paths.ts';
import { versionToDesign } from '../../queries/catalog.ts';
import { findDraft, findMicroCredential } from '../../queries/designs.ts';
import { formFromDesign } from '../designForm.ts';
import { DesignForm } from './designFormView.tsx';

export type EditDesignModel =
  | { frozen: true; previewHref: string }
  | {
      frozen: false;
      title: string;
      version: number;
      previewHref: string;
      action: string;
      /** The draft's values as form fields. */
      values: Record<string, string>;
    };

/** The draft to edit, or where to go when there is none (published versions are frozen). */
export async function loadEditDesign(
  db: Db,
  userId: number,
  orgSlug: string,
  mcPublicId: string,
): Promise<EditDesignModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'catalog.design');
  const mc = await findMicroCredential(db, organisation.id, mcPublicId);
  if (!mc) throw notFound('microCredential');
  const previewHref = designPath(organisation.slug, mc.public_id);
  const draft = await findDraft(db, mc.id);
  if (!draft) return { frozen: true, previewHref };
  return {
    frozen: false,
    title: draft.title,
    version: draft.version,
    previewHref,
    action: designActionPath(organisation.slug, mc.public_id, 'edit'),
    values: formFromDesign(versionToDesign(draft)),
  };
}

export function EditDesignView({
  model,
  form,
  csrfToken,
}: {
  model: Extract<EditDesignModel, { frozen: false }>;
  /** What was posted, after a failed save; null shows the draft as saved. */
  form: FormState | null;
  csrfToken: string;
}) {
  const { t } = useT();
  return (
    <>
      <p class="muted">
        <a href={model.previewHref}>{t('catalog.designer.edit.back')}</a> ·{' '}
        {t('catalog.designer.edit.draftVersion', { version: model.version })}
      </p>
      <h1>{t('catalog.designer.edit.heading', { title: model.title })}</h1>
      <DesignForm
        form={{ values: form?.values ?? model.values, errors: form?.errors ?? {}, message: form?.message }}
        action={model.action}
        csrfToken={csrfToken}
      />
    </>
  );
}
