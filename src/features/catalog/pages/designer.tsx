import { Hono, type Context } from 'hono';
import { forbidden, notFound } from '../../../domain/errors.ts';
import { ACHIEVEMENT_TYPES, EARNING_MODES, EARNING_MODE_LABELS } from '../microCredential.ts';
import {
  createMicroCredential,
  deleteStack,
  publishDraft,
  retireMicroCredential,
  reviseMicroCredential,
  saveStack,
  updateDraft,
} from '../commands/designMicroCredential.ts';
import { requireMember } from '../../accounts/index.ts';
import { versionToDesign } from '../queries/catalog.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  emptyForm,
  TextArea,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import {
  REVIEWED_MODES,
  achievementTypeLabel,
  designFromForm,
  formFromDesign,
  rowsToShow,
} from './designForm.ts';
import { PageScriptTag, servePageScript } from '../../../web/pageScripts.tsx';
import { MicroCredentialBody } from './microCredentialView.tsx';
import { setBadgeImage } from '../commands/setBadgeImage.ts';
import { listSubjectAudit } from '../../../storage/audit.ts';
import { recordsOutcomes } from '../../earning/index.ts';

type C = Context<AppEnv>;
const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

async function load(c: C, id: string) {
  const { organisation } = await requireMember(
    c.var.deps.db,
    c.req.param('slug') ?? '',
    actor(c).userId,
    'catalog.design',
  );
  const mc = await c.var.deps.db
    .selectFrom('micro_credentials')
    .selectAll()
    .where('organisation_id', '=', organisation.id)
    .where('public_id', '=', id)
    .executeTakeFirst();
  if (!mc) throw notFound('That micro-credential');
  const versions = await c.var.deps.db
    .selectFrom('micro_credential_versions')
    .selectAll()
    .where('micro_credential_id', '=', mc.id)
    .orderBy('version', 'desc')
    .execute();
  return { organisation, mc, versions };
}

function EditForm({ c, form, action }: { c: C; form: FormState; action: string }) {
  const v = form.values;
  const evidenceRows = rowsToShow(v, 'ev_prompt_');
  const levels = (v.levels ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const criteriaRows = rowsToShow(v, 'cr_name_');
  const mode = v.earningMode || 'reviewed_evidence';
  // Sections that apply to some earning modes only: shown for the chosen mode (design-form.js
  // follows the select as it changes; without it, saving shows the sections of the new mode).
  const forModes = (modes: readonly string[]) => ({
    'data-earning-modes': modes.join(' '),
    hidden: !modes.includes(mode),
  });
  return (
    <form method="post" action={action} class="stack" style="max-width:none" novalidate>
      <CsrfField token={c.var.csrfToken} />
      <ErrorSummary form={form} />
      <Field form={form} name="title" label="Title" required />
      <TextArea
        form={form}
        name="competency"
        label="Competency statement"
        hint="One sentence: what the earner can do."
        rows={2}
      />
      <TextArea form={form} name="description" label="Description" rows={4} />
      <TextArea form={form} name="keyMethod" label="Key method" rows={2} />
      <TextArea form={form} name="criteria" label="Criteria" rows={3} />
      <fieldset>
        <legend>How it is earned</legend>
        <label for="f-earningMode">Earning mode</label>{' '}
        <select id="f-earningMode" name="earningMode">
          {EARNING_MODES.map((m) => (
            <option value={m} selected={v.earningMode === m}>
              {EARNING_MODE_LABELS[m]}
            </option>
          ))}
        </select>{' '}
        <label for="f-achievementType">Achievement type</label>{' '}
        <select id="f-achievementType" name="achievementType">
          {ACHIEVEMENT_TYPES.map((t) => (
            <option value={t} selected={(v.achievementType ?? 'MicroCredential') === t}>
              {achievementTypeLabel(t)}
            </option>
          ))}
        </select>
        <p class="hint">
          The form shows only what the chosen earning mode needs: peer-reviewed evidence has evidence parts
          and a rubric; a certificate of completion has its pre-approved programs; an assessment has a passing
          score.
        </p>
      </fieldset>
      <fieldset {...forModes(REVIEWED_MODES)}>
        <legend>Evidence requirements</legend>
        {form.errors.evidenceParts && <p class="error-text">{form.errors.evidenceParts}</p>}
        {Array.from({ length: evidenceRows }, (_, i) => (
          <div style="display:grid;grid-template-columns:3fr 1fr 1fr 1fr 1fr;gap:8px;align-items:end;margin-bottom:8px">
            <div class="field">
              <label for={`f-ev_prompt_${i}`}>Part {i + 1}: prompt</label>
              <input
                id={`f-ev_prompt_${i}`}
                name={`ev_prompt_${i}`}
                type="text"
                value={v[`ev_prompt_${i}`] ?? ''}
              />
            </div>
            <div class="field">
              <label for={`f-ev_kind_${i}`}>Kind</label>
              <select id={`f-ev_kind_${i}`} name={`ev_kind_${i}`}>
                {(
                  [
                    ['text', 'Written answer'],
                    ['file', 'File upload'],
                    ['link', 'Link'],
                  ] as const
                ).map(([k, label]) => (
                  <option value={k} selected={v[`ev_kind_${i}`] === k}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`f-ev_words_${i}`}>Word limit</label>
              <input
                id={`f-ev_words_${i}`}
                name={`ev_words_${i}`}
                type="number"
                min="1"
                value={v[`ev_words_${i}`] ?? ''}
              />
            </div>
            <div class="field">
              <label for={`f-ev_size_${i}`}>Size limit (MB)</label>
              <input
                id={`f-ev_size_${i}`}
                name={`ev_size_${i}`}
                type="number"
                min="1"
                value={v[`ev_size_${i}`] ?? ''}
              />
            </div>
            <label>
              <input
                type="checkbox"
                name={`ev_required_${i}`}
                checked={v[`ev_prompt_${i}`] === undefined || v[`ev_required_${i}`] === 'on'}
              />{' '}
              Required
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset {...forModes(REVIEWED_MODES)}>
        <legend>Rubric</legend>
        {(form.errors.rubric || Object.keys(form.errors).some((k) => k.startsWith('rubric.'))) && (
          <p class="error-text">
            {form.errors.rubric ?? Object.entries(form.errors).find(([k]) => k.startsWith('rubric.'))?.[1]}
          </p>
        )}
        <Field form={form} name="levels" label="Performance levels, lowest first, separated by commas" />
        {Array.from({ length: criteriaRows }, (_, i) => (
          <div class="card" style="padding:10px">
            <div class="field">
              <label for={`f-cr_name_${i}`}>Criterion {i + 1}</label>
              <input
                id={`f-cr_name_${i}`}
                name={`cr_name_${i}`}
                type="text"
                value={v[`cr_name_${i}`] ?? ''}
              />
            </div>
            {levels.map((level, j) => (
              <div class="field">
                <label for={`f-cr_desc_${i}_${j}`}>{level}: descriptor</label>
                <input
                  id={`f-cr_desc_${i}_${j}`}
                  name={`cr_desc_${i}_${j}`}
                  type="text"
                  value={v[`cr_desc_${i}_${j}`] ?? ''}
                />
              </div>
            ))}
            <label for={`f-cr_pass_${i}`}>Passes at</label>{' '}
            <select id={`f-cr_pass_${i}`} name={`cr_pass_${i}`}>
              {levels.map((level, j) => (
                <option
                  value={String(j)}
                  selected={(v[`cr_pass_${i}`] ?? String(levels.length - 1)) === String(j)}
                >
                  {level}
                </option>
              ))}
            </select>
          </div>
        ))}
        <label for="f-pass_rule">Overall pass rule</label>{' '}
        <select id="f-pass_rule" name="pass_rule">
          <option value="all" selected={v.pass_rule !== 'minimum'}>
            Every criterion at its passing level
          </option>
          <option value="minimum" selected={v.pass_rule === 'minimum'}>
            At least this many criteria:
          </option>
        </select>{' '}
        <input
          aria-label="Minimum number of criteria"
          name="pass_count"
          type="number"
          min="1"
          value={v.pass_count ?? ''}
          style="width:5em"
        />
      </fieldset>
      <fieldset>
        <legend>Effort, credit and terms</legend>
        <Field form={form} name="effortHours" label="Typical effort (hours)" />
        <Field form={form} name="creditHours" label="Credit hours offered" />
        <Field form={form} name="validityMonths" label="Valid for (months; empty = never expires)" />
        <Field
          form={form}
          name="applicationWindowMonths"
          label="Time to submit after applying (months)"
          value="6"
        />
        <Field form={form} name="applicationFee" label="Application fee (empty = free)" />
        <Field
          form={form}
          name="applicationFeeCurrency"
          label="Fee currency (ISO code, e.g. USD)"
          value="USD"
        />
        <div {...forModes(['proof_of_completion'])}>
          <TextArea
            form={form}
            name="approvedPrograms"
            label="Pre-approved programs"
            hint="One per line: provider — program. Earners pick the one they completed; empty = any."
            rows={3}
          />
        </div>
        <div {...forModes(['assessment'])}>
          <Field form={form} name="passingScore" label="Passing score (0–100)" />
        </div>
        <Field form={form} name="tags" label="Tags, separated by commas" />
        <TextArea
          form={form}
          name="alignments"
          label="Alignments"
          hint="One per line: framework name | URL | code"
          rows={3}
        />
      </fieldset>
      <p>
        <button type="submit">Save draft</button>
      </p>
    </form>
  );
}

/** Designers create, edit, preview, publish, revise and retire micro-credentials, and build stacks. */
export function designerRoutes() {
  const r = new Hono<AppEnv>();
  servePageScript(r, 'design-form.js');
  const base = (c: C) => `/orgs/${c.req.param('slug')}/micro-credentials`;

  r.get('/orgs/:slug/micro-credentials', async (c) => {
    const { organisation } = await requireMember(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
      'catalog.design',
    );
    const rows = await c.var.deps.db
      .selectFrom('micro_credentials as m')
      .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
      .select(['m.public_id', 'm.slug', 'm.retired_at', 'v.version', 'v.status', 'v.title'])
      .where('m.organisation_id', '=', organisation.id)
      .where('v.status', '!=', 'superseded')
      .orderBy('m.id', 'desc')
      .orderBy('v.version', 'desc')
      .execute();
    return page(
      c,
      'Micro-credentials',
      <>
        <h1>Micro-credentials of {organisation.name}</h1>
        <p>
          <a class="button" href={`${base(c)}/new`}>
            New micro-credential
          </a>{' '}
          <a href={`/orgs/${organisation.slug}/stacks`}>Stacks</a>{' '}
          <a href={`/orgs/${organisation.slug}/pathways`}>Pathways</a>
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr>
                <td>
                  <a href={`${base(c)}/${m.public_id}`}>{m.title}</a>
                </td>
                <td>{m.version}</td>
                <td>{m.retired_at ? 'Retired' : m.status === 'draft' ? 'Draft' : 'Published'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
    );
  });

  const newPage = (c: C, form: FormState, status: 200 | 409 | 422 = 200) =>
    page(
      c,
      'New micro-credential',
      <section class="card">
        <h1>New micro-credential</h1>
        <ErrorSummary form={form} />
        <form method="post" action={`${base(c)}/new`} class="stack" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <Field form={form} name="title" label="Title" required />
          <Field
            form={form}
            name="slug"
            label="Web address (optional)"
            hint="Made from the title if empty."
          />
          <button type="submit">Create draft</button>
        </form>
      </section>,
      status,
    );
  r.get('/orgs/:slug/micro-credentials/new', async (c) => {
    await requireMember(c.var.deps.db, c.req.param('slug'), actor(c).userId, 'catalog.design');
    return newPage(c, emptyForm);
  });
  r.post('/orgs/:slug/micro-credentials/new', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const { publicId } = await createMicroCredential(c.var.deps, actor(c), c.req.param('slug'), fields);
        return redirectWith(
          c,
          `${base(c)}/${publicId}/edit`,
          'success',
          'Draft created. Fill it in, preview it, then publish.',
        );
      },
      (form, status) => newPage(c, form, status as 422),
    );
  });

  r.get('/orgs/:slug/micro-credentials/:id', async (c) => {
    const { mc, versions, organisation } = await load(c, c.req.param('id'));
    const draft = versions.find((v) => v.status === 'draft');
    const published = versions.find((v) => v.status === 'published');
    const shown = draft ?? published ?? versions[0]!;
    const url = `${base(c)}/${mc.public_id}`;
    const history = await listSubjectAudit(c.var.deps.db, organisation.id, 'micro_credential', mc.public_id);
    const image = shown.image_id
      ? await c.var.deps.db
          .selectFrom('badge_images')
          .select('public_id')
          .where('id', '=', shown.image_id)
          .executeTakeFirst()
      : undefined;
    return page(
      c,
      shown.title,
      <>
        <p class="muted">
          <a href={base(c)}>Micro-credentials</a> · Preview of version {shown.version} (
          {mc.retired_at ? 'retired' : shown.status})
        </p>
        <h1>{shown.title}</h1>
        <p>
          {draft && (
            <>
              <a class="button" href={`${url}/edit`}>
                Edit draft
              </a>{' '}
              <ActionButton
                action={`${url}/publish`}
                csrfToken={c.var.csrfToken}
                label={`Publish version ${draft.version}`}
              />{' '}
            </>
          )}
          {!draft && (
            <ActionButton
              action={`${url}/revise`}
              csrfToken={c.var.csrfToken}
              label="Start a new version"
              variant="secondary"
            />
          )}{' '}
          {published && !mc.retired_at && (
            <>
              <a href={`/catalog/${organisation.slug}/${mc.slug}`}>View in the catalog</a>{' '}
              <a href={`/orgs/${organisation.slug}/recognition/submit?mc=${mc.public_id}`}>
                Submit for recognition
              </a>{' '}
              {recordsOutcomes(versionToDesign(published).earningMode) && (
                <a href={`${url}/outcomes`}>Record outcomes</a>
              )}{' '}
              <ActionButton
                action={`${url}/retire`}
                csrfToken={c.var.csrfToken}
                label="Retire"
                variant="danger"
              />
            </>
          )}
        </p>
        {image && (
          <img
            src={`/images/${image.public_id}.png`}
            alt="Badge image"
            width="128"
            height="128"
            style="float:right"
          />
        )}
        {draft && (
          <section class="card">
            <h2>Badge image</h2>
            <form method="post" action={`${url}/image`} enctype="multipart/form-data" class="stack">
              <CsrfField token={c.var.csrfToken} />
              <div class="field">
                <label for="f-image">Upload a PNG or SVG (512 KB at most)</label>
                <input id="f-image" name="image" type="file" accept="image/png,image/svg+xml" />
              </div>
              <button type="submit" class="secondary">
                Upload image
              </button>
            </form>
            <form method="post" action={`${url}/image`} class="inline">
              <CsrfField token={c.var.csrfToken} />
              <input type="hidden" name="generate" value="1" />
              <label for="f-colour">Badge colour</label>{' '}
              <input id="f-colour" name="colour" type="color" value="#1f5f8b" />{' '}
              <button type="submit" class="secondary">
                Generate a default badge
              </button>
            </form>
          </section>
        )}
        <MicroCredentialBody d={versionToDesign(shown)} version={shown.version} />
        <section class="card">
          <h2>Change history</h2>
          <ul>
            {history.map((h) => (
              <li>
                {h.created_at.toISOString().replace('T', ' ').slice(0, 16)} UTC —{' '}
                {h.action.replace('micro_credential.', '').replace(/_/g, ' ')} by {h.actor_name ?? 'Cairn'}
                {typeof h.data.version === 'number' ? ` (version ${h.data.version})` : ''}
              </li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>Versions</h2>
          <ul>
            {versions.map((v) => (
              <li>
                Version {v.version}: {v.status}
                {v.published_at ? `, published ${v.published_at.toISOString().slice(0, 10)}` : ''}
              </li>
            ))}
          </ul>
        </section>
      </>,
    );
  });

  r.post('/orgs/:slug/micro-credentials/:id/image', async (c) => {
    const body = await c.req.parseBody();
    const file = body.image;
    const id = c.req.param('id');
    const fields = { id };
    return handleForm(
      c,
      fields,
      async () => {
        const colour = typeof body.colour === 'string' ? body.colour : undefined;
        const source =
          file instanceof File && file.size > 0
            ? { upload: new Uint8Array(await file.arrayBuffer()) }
            : { generate: { colour } };
        await setBadgeImage(c.var.deps, actor(c), c.req.param('slug'), id, source);
        return redirectWith(c, `${base(c)}/${id}`, 'success', 'Badge image saved.');
      },
      (form, status) => {
        // A role that may not design gets a 403, not a redirect that looks like a form problem.
        if (status === 403) throw forbidden(form.message);
        return redirectWith(c, `${base(c)}/${id}`, 'error', form.message ?? 'That image cannot be used.');
      },
    );
  });

  const editPage = async (c: C, form: FormState | null, status: 200 | 409 | 422 = 200) => {
    const { mc, versions } = await load(c, c.req.param('id') ?? '');
    const draft = versions.find((v) => v.status === 'draft');
    if (!draft)
      return redirectWith(
        c,
        `${base(c)}/${mc.public_id}`,
        'info',
        'Published versions are frozen: start a new version to change it.',
      );
    const values = form?.values ?? formFromDesign(versionToDesign(draft));
    return page(
      c,
      `Edit ${draft.title}`,
      <>
        <p class="muted">
          <a href={`${base(c)}/${mc.public_id}`}>Back to the preview</a> · Draft version {draft.version}
        </p>
        <h1>Edit “{draft.title}”</h1>
        <EditForm
          c={c}
          form={{ values, errors: form?.errors ?? {}, message: form?.message }}
          action={`${base(c)}/${mc.public_id}/edit`}
        />
      </>,
      status,
      <PageScriptTag name="design-form.js" />,
    );
  };
  r.get('/orgs/:slug/micro-credentials/:id/edit', (c) => editPage(c, null));
  r.post('/orgs/:slug/micro-credentials/:id/edit', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await updateDraft(
          c.var.deps,
          actor(c),
          c.req.param('slug'),
          c.req.param('id'),
          designFromForm(fields),
        );
        return redirectWith(
          c,
          `${base(c)}/${c.req.param('id')}`,
          'success',
          'Draft saved. This is how earners will see it.',
        );
      },
      (form, status) => {
        const values: Record<string, string> = {};
        for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') values[k] = v;
        return editPage(c, { ...form, values }, status as 422);
      },
    );
  });
  const action = (path: string, run: (c: C) => Promise<unknown>, message: string) =>
    r.post(`/orgs/:slug/micro-credentials/:id/${path}`, async (c) => {
      const fields = { id: c.req.param('id') };
      return handleForm(
        c,
        fields,
        async () => {
          await run(c);
          return redirectWith(c, `${base(c)}/${c.req.param('id')}`, 'success', message);
        },
        (form, status) => {
          if (status === 403) throw forbidden(form.message);
          return redirectWith(
            c,
            `${base(c)}/${c.req.param('id')}`,
            'error',
            `${form.message ?? ''} ${Object.values(form.errors).join(' ')}`.trim(),
          );
        },
      );
    });
  action(
    'publish',
    (c) => publishDraft(c.var.deps, actor(c), c.req.param('slug') ?? '', c.req.param('id') ?? ''),
    'Published: it is in the catalog now.',
  );
  action(
    'revise',
    (c) => reviseMicroCredential(c.var.deps, actor(c), c.req.param('slug') ?? '', c.req.param('id') ?? ''),
    'New draft version started from the published one.',
  );
  action(
    'retire',
    (c) => retireMicroCredential(c.var.deps, actor(c), c.req.param('slug') ?? '', c.req.param('id') ?? ''),
    'Retired: hidden from the catalog; issued badges still verify.',
  );

  const stacksPage = async (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) => {
    const { organisation } = await requireMember(
      c.var.deps.db,
      c.req.param('slug') ?? '',
      actor(c).userId,
      'catalog.design',
    );
    const { db } = c.var.deps;
    const [stacks, mcs] = await Promise.all([
      db
        .selectFrom('stacks')
        .selectAll()
        .where('organisation_id', '=', organisation.id)
        .orderBy('name')
        .execute(),
      db
        .selectFrom('micro_credentials as m')
        .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
        .select(['m.public_id', 'v.title'])
        .where('m.organisation_id', '=', organisation.id)
        .where('v.status', 'in', ['published', 'draft'])
        .orderBy('v.title')
        .execute(),
    ]);
    const unique = [...new Map(mcs.map((m) => [m.public_id, m])).values()];
    return page(
      c,
      'Stacks',
      <>
        <h1>Stacks of {organisation.name}</h1>
        <ul>
          {stacks.map((s) => (
            <li>
              <a href={`/catalog?stack=${s.slug}`}>{s.name}</a> — {s.description}{' '}
              <ActionButton
                action={`/orgs/${organisation.slug}/stacks/${s.public_id}/delete`}
                csrfToken={c.var.csrfToken}
                label={`Remove stack ${s.name}`}
                variant="danger"
              />
            </li>
          ))}
        </ul>
        <section class="card">
          <h2>New stack</h2>
          <ErrorSummary form={form} />
          <form method="post" action={`/orgs/${organisation.slug}/stacks`} class="stack" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <Field form={form} name="name" label="Name" required />
            <Field form={form} name="description" label="Description" />
            <fieldset class="checks">
              <legend>Micro-credentials in it</legend>
              {unique.map((m) => (
                <label for={`mc-${m.public_id}`}>
                  <input
                    id={`mc-${m.public_id}`}
                    type="checkbox"
                    name="microCredentials"
                    value={m.public_id}
                  />{' '}
                  {m.title}
                </label>
              ))}
            </fieldset>
            <button type="submit">Create stack</button>
          </form>
        </section>
      </>,
      status,
    );
  };
  r.get('/orgs/:slug/stacks', (c) => stacksPage(c));
  r.post('/orgs/:slug/stacks/:id/delete', async (c) => {
    await deleteStack(c.var.deps, actor(c), c.req.param('slug'), c.req.param('id'));
    return redirectWith(
      c,
      `/orgs/${c.req.param('slug')}/stacks`,
      'success',
      'Stack removed; its micro-credentials stay in the catalog.',
    );
  });
  r.post('/orgs/:slug/stacks', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const members = fields.microCredentials;
        await saveStack(c.var.deps, actor(c), c.req.param('slug'), {
          ...fields,
          microCredentials: members === undefined ? [] : [members].flat(),
        });
        return redirectWith(c, `/orgs/${c.req.param('slug')}/stacks`, 'success', 'Stack saved.');
      },
      (form, status) => stacksPage(c, form, status as 422),
    );
  });
  return r;
}
