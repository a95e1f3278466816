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
  heading: string;
  action: string;
  submitLabel: string;
  /** The organisation's catalog: what a step may name. */
  choices: Array<{ publicId: string; title: string }>;
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
  }));
  const saved = existing ? stepsFromRequirement(existing.requirement) : { steps: [], inOrder: false };
  // A step may name a micro-credential that has since been retired: keep it choosable so saving does not drop it.
  const named = [
    ...new Set((posted ? stepsFromFields(posted) : (saved?.steps ?? [])).flatMap((s) => s.chosen)),
  ].filter((id) => !choices.some((c) => c.publicId === id));
  const names = await microCredentialNames(db, organisation.id, named);
  for (const id of named) {
    const n = names.get(id);
    if (n) choices.push({ publicId: id, title: `${n.title} (not in the catalog)` });
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
    heading: existing ? `Edit pathway: ${existing.name}` : 'New pathway',
    action: existing
      ? editPathwayPath(organisation.slug, existing.public_id)
      : newPathwayPath(organisation.slug),
    submitLabel: existing ? 'Save pathway' : 'Create pathway',
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
  return (
    <fieldset
      id={`f-step_${i}_mc`}
      class="checks"
      aria-describedby={mcError ? `f-step_${i}_mc-error` : undefined}
    >
      <legend>Step {i + 1}</legend>
      <div class="field">
        <label for={`f-step_${i}_kind`}>Step {i + 1} needs</label>
        <select id={`f-step_${i}_kind`} name={`step_${i}_kind`}>
          <option value="all" selected={step.kind === 'all'}>
            All of the chosen micro-credentials
          </option>
          <option value="some" selected={step.kind === 'some'}>
            Any number of them (say how many)
          </option>
        </select>
      </div>
      <div class="field">
        <label for={countId}>Step {i + 1}: how many, for “any number of them”</label>
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
          {m.title}
        </label>
      ))}
    </fieldset>
  );
}

type FormProps = { model: PathwayFormModel; form: FormState; csrfToken: string };

/** The pathway's fields and its steps (the requirement, edited as a list of steps). */
function PathwayForm({ model, form, csrfToken }: FormProps) {
  const shown: FormState = { ...form, values: { ...model.values, ...form.values } };
  return (
    <form method="post" action={model.action} class="stack" novalidate>
      <CsrfField token={csrfToken} />
      <Field
        form={shown}
        name="name"
        label="Name"
        hint="For example “Classroom Management Certificate”."
        required
      />
      <Field form={shown} name="slug" label="Web address (optional)" hint="Made from the name if empty." />
      <TextArea
        form={shown}
        name="description"
        label="Description"
        hint="What completing the pathway leads to, and who it is for."
      />
      <SelectField
        form={shown}
        name="achievementType"
        label="Credential awarded on completion"
        options={ACHIEVEMENT_TYPES.map((t) => [t, t.replace(/([a-z])([A-Z])/g, '$1 $2')])}
      />
      {(form.errors.steps ?? form.errors.requirement) && (
        <p id="f-steps" class="error-text">
          {form.errors.steps ?? form.errors.requirement}
        </p>
      )}
      {model.steps.map((step, i) => (
        <StepFieldset model={model} form={form} step={step} i={i} />
      ))}
      <p class="hint">Leave a step empty to leave it out. Save to get more empty steps.</p>
      <div class="field">
        <label for="f-inOrder">
          <input id="f-inOrder" name="inOrder" type="checkbox" checked={shown.values.inOrder === 'on'} /> The
          steps must be completed in order
        </label>
      </div>
      <button type="submit">{model.submitLabel}</button>
    </form>
  );
}

export function PathwayFormView({ model, form, csrfToken }: FormProps) {
  return (
    <section class="card">
      <p class="muted">
        <a href={model.listHref}>Pathways</a>
        {model.publicHref && (
          <>
            {' '}
            · <a href={model.publicHref}>Pathway page</a>
          </>
        )}
      </p>
      <h1>{model.heading}</h1>
      <ErrorSummary form={form} />
      {model.tooComplex ? (
        <p>
          This pathway’s requirement was built through the API (it nests pathways or groups within groups), so
          it cannot be edited on this page. Change it through the API.
        </p>
      ) : model.choices.length === 0 ? (
        <p>
          A pathway is built from published micro-credentials, and {model.organisation.name} has none in the
          catalog yet. <a href={model.designsHref}>Publish a micro-credential</a> first.
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
