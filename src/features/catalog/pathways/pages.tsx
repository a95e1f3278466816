import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { invalid, notFound } from '../../../domain/errors.ts';
import { ACHIEVEMENT_TYPES } from '../microCredential.ts';
import { evaluate, type Requirement } from './pathway.ts';
import { requireMember } from '../../accounts/index.ts';
import { holdings, savePathway } from './pathwayProgress.ts';
import type { Db } from '../../../storage/database.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  SelectField,
  TableHead,
  TextArea,
  emptyForm,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import {
  BLANK_STEPS,
  requirementFromSteps,
  stepsFromFields,
  stepsFromRequirement,
  type StepRow,
} from './form.ts';
import {
  catalogChoices,
  confirmedEmails,
  findPathway,
  listPathways,
  microCredentialNames,
} from './queries.ts';
import { updatePathway } from './updatePathway.ts';

type C = Context<AppEnv>;

// ---------------------------------------------------------------- designers: list, create, edit

export interface PathwayListModel {
  organisation: { slug: string; name: string };
  pathways: Array<{ name: string; editHref: string; publicHref: string; steps: number }>;
  newHref: string;
}

export async function loadPathwayList(db: Db, userId: number, orgSlug: string): Promise<PathwayListModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'catalog.design');
  const rows = await listPathways(db, organisation.id);
  const base = `/orgs/${organisation.slug}/pathways`;
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    pathways: rows.map((p) => ({
      name: p.name,
      editHref: `${base}/${p.public_id}/edit`,
      publicHref: `/pathways/${p.public_id}`,
      steps: 'items' in p.requirement && p.requirement.type !== 'some' ? p.requirement.items.length : 1,
    })),
    newHref: `${base}/new`,
  };
}

export function PathwayListView({ model }: { model: PathwayListModel }) {
  return (
    <>
      <p class="muted">
        <a href={`/orgs/${model.organisation.slug}/micro-credentials`}>Micro-credentials</a>
      </p>
      <h1>Pathways of {model.organisation.name}</h1>
      <p>
        A pathway is a sequence of micro-credentials that builds toward a larger credential. Earners who
        complete it receive that credential automatically.
      </p>
      <p>
        <a class="button" href={model.newHref}>
          New pathway
        </a>
      </p>
      {model.pathways.length === 0 ? (
        <p>No pathways yet.</p>
      ) : (
        <table>
          <TableHead columns={['Pathway', 'Steps', 'Earners see']} />
          <tbody>
            {model.pathways.map((p) => (
              <tr>
                <td>
                  <a href={p.editHref}>{p.name}</a>
                </td>
                <td>{p.steps}</td>
                <td>
                  <a href={p.publicHref}>Pathway page</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

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
  if (pathwayId && !existing) throw notFound('That pathway');
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
  const base = `/orgs/${organisation.slug}/pathways`;
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
    action: existing ? `${base}/${existing.public_id}/edit` : `${base}/new`,
    submitLabel: existing ? 'Save pathway' : 'Create pathway',
    choices,
    steps: withBlanks(posted ? stepsFromFields(posted) : (saved?.steps ?? [])),
    values,
    tooComplex: existing !== undefined && saved === null,
    publicHref: existing ? `/pathways/${existing.public_id}` : null,
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

export function PathwayFormView({
  model,
  form,
  csrfToken,
}: {
  model: PathwayFormModel;
  form: FormState;
  csrfToken: string;
}) {
  const shown: FormState = { ...form, values: { ...model.values, ...form.values } };
  return (
    <section class="card">
      <p class="muted">
        <a href={`/orgs/${model.organisation.slug}/pathways`}>Pathways</a>
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
          catalog yet.{' '}
          <a href={`/orgs/${model.organisation.slug}/micro-credentials`}>Publish a micro-credential</a> first.
        </p>
      ) : (
        <>
          <form method="post" action={model.action} class="stack" novalidate>
            <CsrfField token={csrfToken} />
            <Field
              form={shown}
              name="name"
              label="Name"
              hint="For example “Classroom Management Certificate”."
              required
            />
            <Field
              form={shown}
              name="slug"
              label="Web address (optional)"
              hint="Made from the name if empty."
            />
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
                <input
                  id="f-inOrder"
                  name="inOrder"
                  type="checkbox"
                  checked={shown.values.inOrder === 'on'}
                />{' '}
                The steps must be completed in order
              </label>
            </div>
            <button type="submit">{model.submitLabel}</button>
          </form>
        </>
      )}
    </section>
  );
}

/** The command input from the posted form (the steps become the requirement tree). */
function pathwayFromFields(fields: Record<string, string | string[]>): Record<string, unknown> {
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

// ---------------------------------------------------------------- earners: progress

export type ProgressNode =
  | { kind: 'microCredential'; title: string; held: boolean; earnedOn: string | null; href: string | null }
  | { kind: 'group'; label: string; satisfied: boolean; items: ProgressNode[] };

export interface PathwayPageModel {
  pathway: {
    publicId: string;
    name: string;
    description: string;
    organisation: string;
    achievementType: string;
  };
  /** Null for visitors who are not logged in. */
  progress: { done: number; needed: number; satisfied: boolean } | null;
  requirement: ProgressNode;
  /** The badges the person holds that count. */
  have: Array<{ title: string; earnedOn: string }>;
  /** What is still missing, each with where to apply. */
  missing: Array<{ title: string; href: string | null }>;
  loginHref: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A pathway's page: its requirement, and for a logged-in earner which badges they have and which are missing. */
export async function loadPathwayPage(
  db: Db,
  userId: number | null,
  pathwayId: string,
): Promise<PathwayPageModel> {
  const pathway = await findPathway(db, pathwayId);
  if (!pathway) throw notFound('That pathway');
  const pathways = await listPathways(db, pathway.organisation_id);
  const byId = new Map(pathways.map((p) => [p.public_id, p.requirement]));
  const names = new Map(pathways.map((p) => [p.public_id, p.name]));
  const mcIds = new Set<string>();
  const collect = (r: Requirement, seen: Set<string>) => {
    if (r.type === 'microCredential') mcIds.add(r.id);
    else if (r.type === 'pathway') {
      const inner = byId.get(r.id);
      if (inner && !seen.has(r.id)) collect(inner, new Set([...seen, r.id]));
    } else r.items.forEach((i) => collect(i, seen));
  };
  collect(pathway.requirement, new Set([pathway.public_id]));
  const mcs = await microCredentialNames(db, pathway.organisation_id, [...mcIds]);
  const held =
    userId === null
      ? new Map<string, Date>()
      : await holdings(db, pathway.organisation_id, await confirmedEmails(db, userId));
  const have = new Map<string, { title: string; earnedOn: string }>();
  const missing = new Map<string, { title: string; href: string | null }>();

  const node = (r: Requirement, seen: Set<string>, needed: boolean): ProgressNode => {
    if (r.type === 'microCredential') {
      const mc = mcs.get(r.id);
      const title = mc?.title ?? 'A micro-credential no longer offered';
      const href = mc?.inCatalog ? `/catalog/${pathway.organisation_slug}/${mc.slug}` : null;
      const at = held.get(r.id) ?? null;
      if (at) have.set(r.id, { title, earnedOn: day(at) });
      else if (needed) missing.set(r.id, { title, href });
      return { kind: 'microCredential', title, held: at !== null, earnedOn: at ? day(at) : null, href };
    }
    const satisfied = evaluate(r, held, byId, seen).satisfied;
    if (r.type === 'pathway') {
      const inner = byId.get(r.id);
      const label = `The pathway “${names.get(r.id) ?? 'no longer offered'}”`;
      if (!inner || seen.has(r.id)) return { kind: 'group', label, satisfied: false, items: [] };
      return {
        kind: 'group',
        label,
        satisfied,
        items: [node(inner, new Set([...seen, r.id]), needed && !satisfied)],
      };
    }
    const label =
      r.type === 'some'
        ? `Any ${r.count} of these`
        : r.type === 'ordered'
          ? 'All of these, in this order'
          : 'All of these';
    return {
      kind: 'group',
      label,
      satisfied,
      items: r.items.map((i) => node(i, seen, needed && !satisfied)),
    };
  };
  const seen = new Set([pathway.public_id]);
  const requirement = node(pathway.requirement, seen, true);
  const progress = evaluate(pathway.requirement, held, byId, seen);
  return {
    pathway: {
      publicId: pathway.public_id,
      name: pathway.name,
      description: pathway.description,
      organisation: pathway.organisation_name,
      achievementType: pathway.achievement_type.replace(/([a-z])([A-Z])/g, '$1 $2'),
    },
    progress:
      userId === null
        ? null
        : { done: progress.done, needed: progress.needed, satisfied: progress.satisfied },
    requirement,
    have: [...have.values()],
    missing: [...missing.values()],
    loginHref: `/login?next=${encodeURIComponent(`/pathways/${pathway.public_id}`)}`,
  };
}

function RequirementTree({ node, signedIn }: { node: ProgressNode; signedIn: boolean }) {
  if (node.kind === 'microCredential') {
    return (
      <li>
        {node.href ? <a href={node.href}>{node.title}</a> : node.title}
        {signedIn && (node.held ? ` — you have it (earned ${node.earnedOn})` : ' — not yet')}
      </li>
    );
  }
  return (
    <li>
      {node.label}
      {signedIn && node.satisfied ? ' — done' : ''}
      <ul>
        {node.items.map((i) => (
          <RequirementTree node={i} signedIn={signedIn} />
        ))}
      </ul>
    </li>
  );
}

export function PathwayPageView({ model }: { model: PathwayPageModel }) {
  const { progress } = model;
  return (
    <>
      <p class="muted">A pathway of {model.pathway.organisation}</p>
      <h1>{model.pathway.name}</h1>
      {model.pathway.description && <p>{model.pathway.description}</p>}
      <p>Completing it earns a {model.pathway.achievementType.toLowerCase()}, issued automatically.</p>
      {progress ? (
        <section class="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">Your progress</h2>
          <p>
            {progress.satisfied
              ? 'Complete: you have everything this pathway needs.'
              : `${progress.done} of ${progress.needed} done.`}
          </p>
          <h3>Badges you have</h3>
          {model.have.length === 0 ? (
            <p>None of this pathway’s badges yet.</p>
          ) : (
            <ul>
              {model.have.map((h) => (
                <li>
                  {h.title} (earned {h.earnedOn})
                </li>
              ))}
            </ul>
          )}
          {!progress.satisfied && (
            <>
              <h3>Still missing</h3>
              <ul>
                {model.missing.map((m) => (
                  <li>
                    {m.title}
                    {m.href ? (
                      <>
                        {' — '}
                        <a href={m.href}>Apply for {m.title}</a>
                      </>
                    ) : (
                      ' — not offered at the moment'
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : (
        <p>
          <a href={model.loginHref}>Log in</a> to see which of these badges you have.
        </p>
      )}
      <section class="card">
        <h2>What it takes</h2>
        <ul>
          <RequirementTree node={model.requirement} signedIn={progress !== null} />
        </ul>
      </section>
    </>
  );
}

// ---------------------------------------------------------------- routes

/** Designers' pathway pages under /orgs/:slug/pathways, and /pathways/:id for everyone. */
export function pathwayRoutes() {
  const r = new Hono<AppEnv>();
  const userId = (c: C) => requireViewer(c.var.viewer).user_id;

  r.get('/orgs/:slug/pathways', async (c) => {
    const model = await loadPathwayList(c.var.deps.db, userId(c), c.req.param('slug'));
    return page(c, 'Pathways', <PathwayListView model={model} />);
  });

  const formPage = async (
    c: C,
    pathwayId: string | null,
    form: FormState,
    posted: Record<string, string | string[]> | null,
    status: ContentfulStatusCode = 200,
  ) => {
    const model = await loadPathwayForm(
      c.var.deps.db,
      userId(c),
      c.req.param('slug') ?? '',
      pathwayId,
      posted,
    );
    return page(
      c,
      model.heading,
      <PathwayFormView model={model} form={form} csrfToken={c.var.csrfToken} />,
      status,
    );
  };
  const post = async (c: C, pathwayId: string | null) => {
    const fields = await formFields(c);
    const slug = c.req.param('slug') ?? '';
    return handleForm(
      c,
      fields,
      async () => {
        const input = pathwayFromFields(fields);
        const actor = { userId: userId(c), ip: c.var.ip };
        if (pathwayId) await updatePathway(c.var.deps, actor, slug, pathwayId, input);
        else await savePathway(c.var.deps, actor, slug, input);
        return redirectWith(
          c,
          `/orgs/${slug}/pathways`,
          'success',
          pathwayId ? 'Pathway saved.' : 'Pathway created. Earners see their progress on its page.',
        );
      },
      (form, status) => formPage(c, pathwayId, form, fields, status),
    );
  };
  r.get('/orgs/:slug/pathways/new', (c) => formPage(c, null, emptyForm, null));
  r.post('/orgs/:slug/pathways/new', (c) => post(c, null));
  r.get('/orgs/:slug/pathways/:id/edit', (c) => formPage(c, c.req.param('id'), emptyForm, null));
  r.post('/orgs/:slug/pathways/:id/edit', (c) => post(c, c.req.param('id')));

  r.get('/pathways/:id', async (c) => {
    const model = await loadPathwayPage(c.var.deps.db, c.var.viewer?.user_id ?? null, c.req.param('id'));
    return page(c, model.pathway.name, <PathwayPageView model={model} />);
  });
  return r;
}
