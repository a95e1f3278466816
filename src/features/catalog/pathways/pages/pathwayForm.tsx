import { invalid, notFound } from '../../../../domain/errors.ts';
import type { Db } from '../../../../storage/database.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  SelectField,
  TextArea,
  type FormState,
} from '../../../../web/forms.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import { requireMember } from '../../../accounts/index.ts';
import { ACHIEVEMENT_TYPES } from '../../microCredential.ts';
import { designsPath, editPathwayPath, newPathwayPath, pathwayPath, pathwaysPath } from '../../paths.ts';
import {
  BLANK_STEPS,
  requirementFromSteps,
  stepsFromFields,
  stepsFromRequirement,
  type StepRow,
} from '../form.ts';
import { catalogChoices, findPathway, microCredentialNames } from '../queries.ts';

export interface PathwayFormModel {
  organisation: { slug: string; name: string };
  /** The pathway being edited (null: a new one). */
  editing: { name: string } | null;
  action: string;
  /** The organisation's catalog: what a step may name (and retired ones a step still names). */
  choices: Array<{ publicId: string; title: string; inCatalog: boolean }>;
  /** The steps as saved or as posted, then blank ones to add more. */
  steps: StepRow[];
  /** Values of the other fields (name, slug, description, achievementType, inOrder). */
  values: Record<string, string>;
  /** The requirement was built through the API in a shape this form cannot show (nested pathways). */
  tooComplex: boolean;
  publicHref: string | null;
  listHref: string;
  designsHref: string;
}

const withBlanks = (steps: StepRow[]) => [
  ...steps.filter((s) => s.chosen.length > 0 || s.count.trim() !== ''),
  ...Array.from({ length: BLANK_STEPS }, () => ({ kind: 'all' as const, count: '', chosen: [] })),
];

/** The form to create a pathway (`pathwayId` null) or edit one; `posted` re-shows what was sent. */
export async function loadPathwayForm(
  db: Db,
  userId: number,
  orgSlug: string,
  pathwayId: string | null,
  posted: Record<string, string | string[]> | null,
): Promise<PathwayFormModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'catalog.design');
  const existing = pathwayId ? await findPathway(db, pathwayId, organisation.id) : undefined;
  if (pathwayId && !existing) throw notFound('pathway');
  const choices = (await catalogChoices(db, organisation.id)).map((m) => ({
    publicId: m.public_id,
    title: m.title,
    inCatalog: true,
  }));
  const saved = existing ? stepsFromRequirement(existing.requirement) : { steps: [], inOrder: false };
  // A step may name a micro-credential that has since been retired: keep it choosable so saving does not drop it.
  const named = [
    ...new Set((posted ? stepsFromFields(posted) : (saved?.steps ?? [])).flatMap((s) => s.chosen)),
  ].filter((id) => !choices.some((c) => c.publicId === id));
  const names = await microCredentialNames(db, organisation.id, named);
  for (const id of named) {
    const n = names.get(id);
    if (n) choices.push({ publicId: id, title: n.title, inCatalog: false });
  }
  const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
  const values = posted
    ? {
        name: str(posted.name),
        slug: str(posted.slug),
        description: str(posted.description),
        achievementType: str(posted.achievementType) || 'Certificate',
        inOrder: str(posted.inOrder),
      }
    : existing
      ? {
          name: existing.name,
          slug: existing.slug,
          description: existing.description,
          achievementType: existing.achievement_type,
          inOrder: saved?.inOrder ? 'on' : '',
        }
      : { name: '', slug: '', description: '', achievementType: 'Certificate', inOrder: '' };
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    editing: existing ? { name: existing.name } : null,
    action: existing
      ? editPathwayPath(organisation.slug, existing.public_id)
      : newPathwayPath(organisation.slug),
    choices,
    steps: withBlanks(posted ? stepsFromFields(posted) : (saved?.steps ?? [])),
    values,
    tooComplex: existing !== undefined && saved === null,
    publicHref: existing ? pathwayPath(existing.public_id) : null,
    listHref: pathwaysPath(organisation.slug),
    designsHref: designsPath(organisation.slug),
  };
}

function StepFieldset({
  model,
  form,
  step,
  i,
}: {
  model: PathwayFormModel;
  form: FormState;
  step: StepRow;
  i: number;
}) {
  const mcError = form.errors[`step_${i}_mc`];
  const countError = form.errors[`step_${i}_count`];
  const countId = `f-step_${i}_count`;
  const { t } = useT();
  const number = i + 1;
  return (
    <fieldset
      id={`f-step_${i}_mc`}
      class="checks"
      aria-describedby={mcError ? `f-step_${i}_mc-error` : undefined}
    >
      <legend>{t('catalog.pathways.form.step', { number })}</legend>
      <div class="field">
        <label for={`f-step_${i}_kind`}>{t('catalog.pathways.form.stepNeeds', { number })}</label>
        <select id={`f-step_${i}_kind`} name={`step_${i}_kind`}>
          <option value="all" selected={step.kind === 'all'}>
            {t('catalog.pathways.form.stepAll')}
          </option>
          <option value="some" selected={step.kind === 'some'}>
            {t('catalog.pathways.form.stepSome')}
          </option>
        </select>
      </div>
      <div class="field">
        <label for={countId}>{t('catalog.pathways.form.stepCount', { number })}</label>
        {countError && (
          <span id={`${countId}-error`} class="error-text">
            {countError}
          </span>
        )}
        <input
          id={countId}
          name={`step_${i}_count`}
          type="text"
          inputmode="numeric"
          value={step.count}
          aria-invalid={countError ? 'true' : undefined}
          aria-describedby={countError ? `${countId}-error` : undefined}
        />
      </div>
      {mcError && (
        <span id={`f-step_${i}_mc-error`} class="error-text">
          {mcError}
        </span>
      )}
      {model.choices.map((m) => (
        <label for={`f-step_${i}_mc_${m.publicId}`}>
          <input
            id={`f-step_${i}_mc_${m.publicId}`}
            type="checkbox"
            name={`step_${i}_mc`}
            value={m.publicId}
            checked={step.chosen.includes(m.publicId)}
          />{' '}
          {m.inCatalog ? m.title : t('catalog.pathways.form.notInCatalog', { title: m.title })}
        </label>
      ))}
    </fieldset>
  );
}

type FormProps = { model: PathwayFormModel; form: FormState; csrfToken: string };

/** The pathway's fields and its steps (the requirement, edited as a list of steps). */
function PathwayForm({ model, form, csrfToken }: FormProps) {
  const shown: FormState = { ...form, values: { ...model.values, ...form.values } };
  const { t } = useT();
  return (
    <form method="post" action={model.action} class="stack" novalidate>
      <CsrfField token={csrfToken} />
      <Field
        form={shown}
        name="name"
        label={t('catalog.pathways.form.name')}
        hint={t('catalog.pathways.form.nameHint')}
        required
      />
      <Field
        form={shown}
        name="slug"
        label={t('catalog.pathways.form.slug')}
        hint={t('catalog.pathways.form.slugHint')}
      />
      <TextArea
        form={shown}
        name="description"
        label={t('catalog.pathways.form.description')}
        hint={t('catalog.pathways.form.descriptionHint')}
      />
      <SelectField
        form={shown}
        name="achievementType"
        label={t('catalog.pathways.form.awarded')}
        options={ACHIEVEMENT_TYPES.map((type) => [type, t(`catalog.achievementTypes.${type}`)])}
      />
      {(form.errors.steps ?? form.errors.requirement) && (
        <p id="f-steps" class="error-text">
          {form.errors.steps ?? form.errors.requirement}
        </p>
      )}
      {model.steps.map((step, i) => (
        <StepFieldset model={model} form={form} step={step} i={i} />
      ))}
      <p class="hint">{t('catalog.pathways.form.leaveEmpty')}</p>
      <div class="field">
        <label for="f-inOrder">
          <input id="f-inOrder" name="inOrder" type="checkbox" checked={shown.values.inOrder === 'on'} />{' '}
          {t('catalog.pathways.form.inOrder')}
        </label>
      </div>
      <button type="submit">
        {model.editing ? t('catalog.pathways.form.save') : t('catalog.pathways.form.create')}
      </button>
    </form>
  );
}

export function PathwayFormView({ model, form, csrfToken }: FormProps) {
  const { t } = useT();
  return (
    <section class="card">
      <p class="muted">
        <a href={model.listHref}>{t('catalog.pathways.form.pathways')}</a>
        {model.publicHref && (
          <>
            {' '}
            · <a href={model.publicHref}>{t('catalog.pathways.form.page')}</a>
          </>
        )}
      </p>
      <h1>
        {model.editing
          ? t('catalog.pathways.form.editHeading', { name: model.editing.name })
          : t('catalog.pathways.form.newHeading')}
      </h1>
      <ErrorSummary form={form} />
      {model.tooComplex ? (
        <p>{t('catalog.pathways.form.tooComplex')}</p>
      ) : model.choices.length === 0 ? (
        <p>
          {t('catalog.pathways.form.noChoices', { organisation: model.organisation.name })}{' '}
          <a href={model.designsHref}>{t('catalog.pathways.form.publishFirst')}</a>
        </p>
      ) : (
        <PathwayForm model={model} form={form} csrfToken={csrfToken} />
      )}
    </section>
  );
}

/** The command input from the posted form (the steps become the requirement tree). */
export function pathwayFromFields(fields: Record<string, string | string[]>): Record<string, unknown> {
  const built = requirementFromSteps(stepsFromFields(fields), fields.inOrder === 'on');
  if ('errors' in built) throw invalid(built.errors);
  return {
    name: fields.name,
    slug: fields.slug,
    description: fields.description,
    achievementType: fields.achievementType,
    requirement: built.requirement,
  };
}
