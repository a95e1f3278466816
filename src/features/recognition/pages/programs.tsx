import { Hono } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { can } from '../../../domain/roles.ts';
import type { AppEnv } from '../../../http/env.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  emptyForm,
  TextArea,
  SelectField,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { requireMember } from '../../accounts/index.ts';
import { archiveProgram } from '../commands/archiveProgram.ts';
import { createProgram } from '../commands/createProgram.ts';
import { requireRecognizer } from '../commands/requireRecognizer.ts';
import { updateProgram } from '../commands/updateProgram.ts';
import { recognitionPaths } from '../paths.ts';
import { programOf, programsOf } from '../queries/programs.ts';
import { actorOf, day, idOf, slugOf, type C } from './recognitionParts.tsx';

function ProgramForm({
  csrfToken,
  form,
  action,
  submitLabel,
}: {
  csrfToken: string;
  form: FormState;
  action: string;
  submitLabel: string;
}) {
  return (
    <form method="post" action={action} class="stack" novalidate>
      <CsrfField token={csrfToken} />
      <ErrorSummary form={form} />
      <Field form={form} name="name" label="Program name" hint="e.g. Educator license renewal" required />
      <Field
        form={form}
        name="licenseName"
        label="Credential maintained"
        hint="The license or certification this program renews, e.g. Educator license."
        required
      />
      <TextArea form={form} name="description" label="Description (optional)" rows={2} />
      <Field form={form} name="cycleYears" label="Renewal cycle (years)" value="5" />
      <Field form={form} name="hoursRequired" label="Credit hours required per cycle" />
      <SelectField
        form={form}
        name="unitRule"
        label="How an approved micro-credential counts"
        options={[
          ['fixed', 'A fixed number of hours per micro-credential'],
          ['credit_hours', 'The micro-credential’s own credit hours'],
        ]}
        value="fixed"
      />
      <Field
        form={form}
        name="fixedHours"
        label="Hours per approved micro-credential"
        hint="For the fixed rule, e.g. 0.5."
      />
      <Field
        form={form}
        name="capHoursPerCycle"
        label="Cap per cycle (hours, optional)"
        hint="At most this many hours from micro-credentials count in one cycle. Empty = no cap."
      />
      <SelectField
        form={form}
        name="posting"
        label="Credit posting"
        options={[
          ['automatic', 'Post credit automatically by the rule'],
          ['review', 'Post credit after an officer’s review'],
        ]}
        value="automatic"
      />
      <label>
        <input type="checkbox" name="digestEmail" checked={form.values.digestEmail === 'on'} /> Send officers
        a daily digest email of completion notices
      </label>
      <p>
        <button type="submit">{submitLabel}</button>
      </p>
    </form>
  );
}

const programValues = (p: {
  name: string;
  license_name: string;
  description: string;
  cycle_years: number;
  hours_required: number;
  unit_rule: string;
  fixed_hours: number | null;
  cap_hours_per_cycle: number | null;
  posting: string;
  digest_email: boolean;
}): Record<string, string> => ({
  name: p.name,
  licenseName: p.license_name,
  description: p.description,
  cycleYears: String(p.cycle_years),
  hoursRequired: String(Number(p.hours_required)),
  unitRule: p.unit_rule,
  fixedHours: p.fixed_hours === null ? '' : String(Number(p.fixed_hours)),
  capHoursPerCycle: p.cap_hours_per_cycle === null ? '' : String(Number(p.cap_hours_per_cycle)),
  posting: p.posting,
  digestEmail: p.digest_email ? 'on' : '',
});

// ---------- The recognizer's programs, and a new one ----------

export interface ProgramsModel {
  organisation: { name: string; slug: string };
  programs: Awaited<ReturnType<typeof programsOf>>;
  canManage: boolean;
  form: FormState;
  csrfToken: string;
}

export async function loadPrograms(c: C, form: FormState): Promise<ProgramsModel> {
  const { db } = c.var.deps;
  const organisation = await requireRecognizer(db, slugOf(c), actorOf(c).userId, 'recognition.read');
  const { membership } = await requireMember(db, slugOf(c), actorOf(c).userId);
  return {
    organisation: { name: organisation.name, slug: organisation.slug },
    programs: await programsOf(db, organisation.id),
    canManage: can(membership.roles, 'recognition.manage'),
    form,
    csrfToken: c.var.csrfToken,
  };
}

function ProgramsTable({ programs, slug }: { programs: ProgramsModel['programs']; slug: string }) {
  if (programs.length === 0) return <p class="muted">No programs yet.</p>;
  return (
    <table>
      <TableHead columns={['Program', 'Credential', 'Cycle', 'Unit rule', 'Approved']} />
      <tbody>
        {programs.map((p) => (
          <tr>
            <td>
              <a href={recognitionPaths.program(slug, p.public_id)}>{p.name}</a>
              {p.archived_at && ' (archived)'}
            </td>
            <td>{p.license_name}</td>
            <td>
              {p.cycle_years} years, {Number(p.hours_required)} h
            </td>
            <td>
              {p.unit_rule === 'fixed'
                ? `${Number(p.fixed_hours)} h per micro-credential`
                : 'its credit hours'}
              {p.cap_hours_per_cycle !== null && `, at most ${Number(p.cap_hours_per_cycle)} h per cycle`}
            </td>
            <td>{Number(p.approved)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProgramsView(m: ProgramsModel) {
  const slug = m.organisation.slug;
  return (
    <>
      <h1>Recognition programs of {m.organisation.name}</h1>
      <p>
        <a href={recognitionPaths.queue(slug)}>Review queue</a>
      </p>
      <ProgramsTable programs={m.programs} slug={slug} />
      {m.canManage && (
        <section class="card">
          <h2>New program</h2>
          <ProgramForm
            csrfToken={m.csrfToken}
            form={m.form}
            action={recognitionPaths.programs(slug)}
            submitLabel="Create program"
          />
        </section>
      )}
    </>
  );
}

// ---------- One program: its terms, and archiving it ----------

export interface ProgramModel {
  slug: string;
  program: NonNullable<Awaited<ReturnType<typeof programOf>>>;
  form: FormState;
  csrfToken: string;
}

export async function loadProgram(c: C, form: FormState | null): Promise<ProgramModel> {
  const { db } = c.var.deps;
  const organisation = await requireRecognizer(db, slugOf(c), actorOf(c).userId, 'recognition.manage');
  const program = await programOf(db, organisation.id, idOf(c));
  if (!program) throw notFound('program');
  return {
    slug: organisation.slug,
    program,
    form: {
      values: form?.values ?? programValues(program),
      errors: form?.errors ?? {},
      message: form?.message,
    },
    csrfToken: c.var.csrfToken,
  };
}

export function ProgramView({ slug, program, form, csrfToken }: ProgramModel) {
  return (
    <>
      <p class="muted">
        <a href={recognitionPaths.programs(slug)}>Recognition programs</a>
      </p>
      <h1>Edit “{program.name}”</h1>
      {program.archived_at && (
        <p class="flash info">
          Archived on {day(program.archived_at)}: no new submissions; approvals stay in force.
        </p>
      )}
      <ProgramForm
        csrfToken={csrfToken}
        form={form}
        action={recognitionPaths.program(slug, program.public_id)}
        submitLabel="Save program"
      />
      {!program.archived_at && (
        <ActionButton
          action={recognitionPaths.archiveProgram(slug, program.public_id)}
          csrfToken={csrfToken}
          label="Archive program"
          variant="danger"
        />
      )}
    </>
  );
}

/** A recognizer's programs: list, create, edit, archive. */
export function programRoutes() {
  const r = new Hono<AppEnv>();
  const programsPage = async (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) =>
    page(c, 'Recognition programs', <ProgramsView {...await loadPrograms(c, form)} />, status);
  const programPage = async (c: C, form: FormState | null, status: 200 | 409 | 422 = 200) => {
    const model = await loadProgram(c, form);
    return page(c, model.program.name, <ProgramView {...model} />, status);
  };
  r.get(recognitionPaths.programs(':slug'), (c) => programsPage(c));
  r.post(recognitionPaths.programs(':slug'), async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await createProgram(c.var.deps, { ...fields, actor: actorOf(c), orgSlug: slugOf(c) });
        const message = 'Program created. Issuers can now submit micro-credentials to it.';
        return redirectWith(c, recognitionPaths.programs(slugOf(c)), 'success', message);
      },
      (form, status) => programsPage(c, form, status as 422),
    );
  });
  r.get(recognitionPaths.program(':slug', ':id'), (c) => programPage(c, null));
  r.post(recognitionPaths.program(':slug', ':id'), async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await updateProgram(c.var.deps, {
          ...fields,
          actor: actorOf(c),
          orgSlug: slugOf(c),
          program: idOf(c),
        });
        return redirectWith(c, recognitionPaths.programs(slugOf(c)), 'success', 'Program saved.');
      },
      (form, status) => programPage(c, form, status as 422),
    );
  });
  r.post(recognitionPaths.archiveProgram(':slug', ':id'), async (c) => {
    await archiveProgram(c.var.deps, { actor: actorOf(c), orgSlug: slugOf(c), program: idOf(c) });
    return redirectWith(c, recognitionPaths.programs(slugOf(c)), 'success', 'Program archived.');
  });
  return r;
}
