import { Hono, type Context } from 'hono';
import { sql } from 'kysely';
import { notFound } from '../../../domain/errors.ts';
import { can } from '../../../domain/roles.ts';
import { requireMember } from '../../accounts/index.ts';
import { archiveProgram } from '../commands/archiveProgram.ts';
import { createProgram } from '../commands/createProgram.ts';
import { openPrograms } from '../queries/programs.ts';
import { requireRecognizer } from '../commands/requireRecognizer.ts';
import { updateProgram } from '../commands/updateProgram.ts';
import { approveProgramSubmission } from '../commands/approveProgramSubmission.ts';
import { commentOnProgramSubmission } from '../commands/commentOnProgramSubmission.ts';
import { loadSubmission } from '../commands/submissionAccess.ts';
import { rejectProgramSubmission } from '../commands/rejectProgramSubmission.ts';
import { requestSubmissionChanges } from '../commands/requestSubmissionChanges.ts';
import {
  resubmittableVersion,
  submissionQuery,
  submissionThread,
  type SubmissionView,
} from '../queries/submissions.ts';
import { STATUS_LABELS } from '../commands/submissionSteps.ts';
import { submitProgram } from '../commands/submitProgram.ts';
import { withdrawProgramSubmission } from '../commands/withdrawProgramSubmission.ts';
import { endorseProgramSubmission } from '../commands/endorseProgramSubmission.ts';
import { versionToDesign } from '../../catalog/index.ts';
import type { SubmissionStatus } from '../../../storage/schema.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
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
import { MicroCredentialBody } from '../../catalog/index.ts';

type C = Context<AppEnv>;
const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
const slugOf = (c: C) => c.req.param('slug') ?? '';
const day = (d: Date) => d.toISOString().slice(0, 10);
const STATUSES = Object.keys(STATUS_LABELS) as SubmissionStatus[];

function StatusTag({ status }: { status: SubmissionStatus }) {
  const colour =
    status === 'approved'
      ? '#e6f4ea'
      : status === 'rejected'
        ? '#fbeaea'
        : status === 'changes_requested'
          ? '#fff4d6'
          : '#eef1f6';
  return (
    <span class="tag" style={`background:${colour}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}

function ProgramForm({
  c,
  form,
  action,
  submitLabel,
}: {
  c: C;
  form: FormState;
  action: string;
  submitLabel: string;
}) {
  return (
    <form method="post" action={action} class="stack" novalidate>
      <CsrfField token={c.var.csrfToken} />
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

function SubmissionsTable({
  rows,
  slug,
  side,
}: {
  rows: SubmissionView[];
  slug: string;
  side: 'issuer' | 'recognizer';
}) {
  if (!rows.length) return <p class="muted">No submissions here.</p>;
  return (
    <table>
      <TableHead
        columns={['Submitted', side === 'recognizer' ? 'Issuer' : 'Recognizer', 'Program', 'Status', 'Date']}
      />
      <tbody>
        {rows.map((s) => (
          <tr>
            <td>
              <a href={`/orgs/${slug}/recognition/submissions/${s.public_id}`}>{s.title}</a>
            </td>
            <td>{side === 'recognizer' ? s.issuer_name : s.recognizer_name}</td>
            <td>{s.program_name}</td>
            <td>
              <StatusTag status={s.status} />
              {s.status === 'approved' &&
                ` ${s.hours_granted ?? 0} h${s.ends_on ? ` until ${s.ends_on}` : ''}`}
            </td>
            <td>{day(s.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Recognition (issue 7): recognizers' programs and review queue; issuers' submissions; the
 * shared thread of one submission; and the public JSON of endorsements.
 */
export function recognitionRoutes() {
  const r = new Hono<AppEnv>();

  // ---------- Recognizer: programs ----------
  const programsPage = async (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) => {
    const organisation = await requireRecognizer(
      c.var.deps.db,
      slugOf(c),
      actor(c).userId,
      'recognition.read',
    );
    const roles = (await requireMember(c.var.deps.db, slugOf(c), actor(c).userId)).membership.roles;
    const programs = await c.var.deps.db
      .selectFrom('recognition_programs as p')
      .select([
        'p.public_id',
        'p.name',
        'p.license_name',
        'p.cycle_years',
        'p.hours_required',
        'p.unit_rule',
        'p.fixed_hours',
        'p.cap_hours_per_cycle',
        'p.archived_at',
      ])
      .select(
        sql<number>`(select count(*) from program_submissions s where s.program_id = p.id and s.status = 'approved')`.as(
          'approved',
        ),
      )
      .where('p.organisation_id', '=', organisation.id)
      .orderBy('p.archived_at', (ob) => ob.desc().nullsFirst())
      .orderBy('p.name')
      .execute();
    return page(
      c,
      'Recognition programs',
      <>
        <h1>Recognition programs of {organisation.name}</h1>
        <p>
          <a href={`/orgs/${organisation.slug}/recognition/queue`}>Review queue</a>
        </p>
        {programs.length === 0 ? (
          <p class="muted">No programs yet.</p>
        ) : (
          <table>
            <TableHead columns={['Program', 'Credential', 'Cycle', 'Unit rule', 'Approved']} />
            <tbody>
              {programs.map((p) => (
                <tr>
                  <td>
                    <a href={`/orgs/${organisation.slug}/recognition/programs/${p.public_id}`}>{p.name}</a>
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
                    {p.cap_hours_per_cycle !== null &&
                      `, at most ${Number(p.cap_hours_per_cycle)} h per cycle`}
                  </td>
                  <td>{Number(p.approved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {can(roles, 'recognition.manage') && (
          <section class="card">
            <h2>New program</h2>
            <ProgramForm
              c={c}
              form={form}
              action={`/orgs/${organisation.slug}/recognition/programs`}
              submitLabel="Create program"
            />
          </section>
        )}
      </>,
      status,
    );
  };
  r.get('/orgs/:slug/recognition/programs', (c) => programsPage(c));
  r.post('/orgs/:slug/recognition/programs', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await createProgram(c.var.deps, { actor: actor(c), orgSlug: slugOf(c), ...fields });
        return redirectWith(
          c,
          `/orgs/${slugOf(c)}/recognition/programs`,
          'success',
          'Program created. Issuers can now submit micro-credentials to it.',
        );
      },
      (form, status) => programsPage(c, form, status as 422),
    );
  });

  const programPage = async (c: C, form: FormState | null, status: 200 | 409 | 422 = 200) => {
    const organisation = await requireRecognizer(
      c.var.deps.db,
      slugOf(c),
      actor(c).userId,
      'recognition.manage',
    );
    const program = await c.var.deps.db
      .selectFrom('recognition_programs')
      .selectAll()
      .where('organisation_id', '=', organisation.id)
      .where('public_id', '=', c.req.param('id') ?? '')
      .executeTakeFirst();
    if (!program) throw notFound('That program');
    const url = `/orgs/${organisation.slug}/recognition/programs/${program.public_id}`;
    return page(
      c,
      program.name,
      <>
        <p class="muted">
          <a href={`/orgs/${organisation.slug}/recognition/programs`}>Recognition programs</a>
        </p>
        <h1>Edit “{program.name}”</h1>
        {program.archived_at && (
          <p class="flash info">
            Archived on {day(program.archived_at)}: no new submissions; approvals stay in force.
          </p>
        )}
        <ProgramForm
          c={c}
          form={{
            values: form?.values ?? programValues(program),
            errors: form?.errors ?? {},
            message: form?.message,
          }}
          action={url}
          submitLabel="Save program"
        />
        {!program.archived_at && (
          <ActionButton
            action={`${url}/archive`}
            csrfToken={c.var.csrfToken}
            label="Archive program"
            variant="danger"
          />
        )}
      </>,
      status,
    );
  };
  r.get('/orgs/:slug/recognition/programs/:id', (c) => programPage(c, null));
  r.post('/orgs/:slug/recognition/programs/:id', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await updateProgram(c.var.deps, {
          actor: actor(c),
          orgSlug: slugOf(c),
          program: c.req.param('id'),
          ...fields,
        });
        return redirectWith(c, `/orgs/${slugOf(c)}/recognition/programs`, 'success', 'Program saved.');
      },
      (form, status) => programPage(c, form, status as 422),
    );
  });
  r.post('/orgs/:slug/recognition/programs/:id/archive', async (c) => {
    await archiveProgram(c.var.deps, { actor: actor(c), orgSlug: slugOf(c), program: c.req.param('id') });
    return redirectWith(c, `/orgs/${slugOf(c)}/recognition/programs`, 'success', 'Program archived.');
  });

  // ---------- Recognizer: review queue ----------
  r.get('/orgs/:slug/recognition/queue', async (c) => {
    const organisation = await requireRecognizer(
      c.var.deps.db,
      slugOf(c),
      actor(c).userId,
      'recognition.read',
    );
    const wanted = c.req.query('status');
    const status =
      wanted === 'all'
        ? null
        : STATUSES.includes(wanted as SubmissionStatus)
          ? (wanted as SubmissionStatus)
          : 'open';
    let q = submissionQuery(c.var.deps.db).where('p.organisation_id', '=', organisation.id);
    if (status === 'open') q = q.where('s.status', 'in', ['submitted', 'changes_requested']);
    else if (status) q = q.where('s.status', '=', status);
    const rows = (await q.orderBy('s.created_at').limit(500).execute()) as SubmissionView[];
    return page(
      c,
      'Recognition queue',
      <>
        <h1>Recognition queue of {organisation.name}</h1>
        <p>
          <a href={`/orgs/${organisation.slug}/recognition/programs`}>Programs</a>
        </p>
        <form method="get" class="card">
          <label for="f-status">Status</label>{' '}
          <select id="f-status" name="status">
            <option value="open" selected={status === 'open'}>
              Open (awaiting review or changes)
            </option>
            {STATUSES.map((s) => (
              <option value={s} selected={status === s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
            <option value="all" selected={status === null}>
              All
            </option>
          </select>{' '}
          <button type="submit" class="secondary">
            Filter
          </button>
        </form>
        <SubmissionsTable rows={rows} slug={organisation.slug} side="recognizer" />
      </>,
    );
  });

  // ---------- Issuer: submissions and submitting ----------
  r.get('/orgs/:slug/recognition/submissions', async (c) => {
    const { organisation } = await requireMember(
      c.var.deps.db,
      slugOf(c),
      actor(c).userId,
      'recognition.submit',
    );
    const rows = (await submissionQuery(c.var.deps.db)
      .where('s.issuer_organisation_id', '=', organisation.id)
      .orderBy('s.created_at', 'desc')
      .limit(500)
      .execute()) as SubmissionView[];
    return page(
      c,
      'Recognition submissions',
      <>
        <h1>Recognition submissions of {organisation.name}</h1>
        <p>
          <a class="button" href={`/orgs/${organisation.slug}/recognition/submit`}>
            Submit for recognition
          </a>
        </p>
        <SubmissionsTable rows={rows} slug={organisation.slug} side="issuer" />
      </>,
    );
  });

  const submitPage = async (
    c: C,
    form: FormState,
    status: 200 | 409 | 422 = 200,
    previous?: SubmissionView,
  ) => {
    const { db } = c.var.deps;
    const { organisation } = await requireMember(db, slugOf(c), actor(c).userId, 'recognition.submit');
    const [programs, mcs, pathways, stacks] = await Promise.all([
      openPrograms(db, organisation.id),
      db
        .selectFrom('micro_credentials as m')
        .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
        .select(['m.public_id', 'v.title', 'v.version'])
        .where('m.organisation_id', '=', organisation.id)
        .where('v.status', '=', 'published')
        .orderBy('v.title')
        .execute(),
      db
        .selectFrom('pathways')
        .select(['public_id', 'name'])
        .where('organisation_id', '=', organisation.id)
        .orderBy('name')
        .execute(),
      db
        .selectFrom('stacks')
        .select(['public_id', 'name'])
        .where('organisation_id', '=', organisation.id)
        .orderBy('name')
        .execute(),
    ]);
    const subjects: Array<[string, string]> = [
      ...mcs.map((m): [string, string] => [`mc:${m.public_id}`, `${m.title} (version ${m.version})`]),
      ...pathways.map((p): [string, string] => [`pathway:${p.public_id}`, `Pathway: ${p.name}`]),
      ...stacks.map((s): [string, string] => [`stack:${s.public_id}`, `Stack: ${s.name}`]),
    ];
    const errors = { ...form.errors };
    for (const k of ['microCredential', 'version', 'pathway', 'stack'])
      if (errors[k]) errors.subject ??= errors[k];
    const shown = { ...form, errors };
    return page(
      c,
      'Submit for recognition',
      <section class="card">
        <p class="muted">
          <a href={`/orgs/${organisation.slug}/recognition/submissions`}>Recognition submissions</a>
        </p>
        <h1>
          {previous
            ? `Resubmit “${previous.title.replace(/ \(version \d+\)$/, '')}”`
            : 'Submit for recognition'}
        </h1>
        <p>
          A recognizer approves one exact version: after any change (a new version) the new version needs a
          new approval. Earners of an approved version keep its recognition.
        </p>
        {programs.length === 0 && (
          <p class="flash info">No recognizer has opened a recognition program yet.</p>
        )}
        {subjects.length === 0 && (
          <p class="flash info">
            Publish a micro-credential first: only published versions can be submitted.
          </p>
        )}
        <ErrorSummary form={shown} />
        <form method="post" action={`/orgs/${organisation.slug}/recognition/submit`} class="stack" novalidate>
          <CsrfField token={c.var.csrfToken} />
          {previous && <input type="hidden" name="previousSubmission" value={previous.public_id} />}
          <SelectField
            form={shown}
            name="program"
            label="Recognition program"
            options={[
              ['', 'Choose a program'],
              ...programs.map((p): [string, string] => [
                p.public_id,
                `${p.organisation_name} — ${p.name} (${p.license_name})`,
              ]),
            ]}
            value={previous?.program_public_id}
          />
          <SelectField
            form={shown}
            name="subject"
            label="What to submit"
            options={[['', 'Choose a micro-credential, pathway or stack'], ...subjects]}
            value={
              c.req.query('mc')
                ? `mc:${c.req.query('mc')}`
                : previous?.mc_public_id
                  ? `mc:${previous.mc_public_id}`
                  : undefined
            }
            hint="Micro-credentials are submitted at their published version."
          />
          <TextArea
            form={shown}
            name="statement"
            label="Statement: how competency is verified and endorsed"
            hint="Who assesses the evidence, against which rubric, and how reviewers are trained."
            rows={5}
            value={previous?.statement}
          />
          <p>
            <button type="submit">{previous ? 'Resubmit for recognition' : 'Submit for recognition'}</button>
          </p>
        </form>
      </section>,
      status,
    );
  };
  r.get('/orgs/:slug/recognition/submit', (c) => submitPage(c, emptyForm));
  r.post('/orgs/:slug/recognition/submit', async (c) => {
    const fields = await formFields(c);
    const subject = typeof fields.subject === 'string' ? fields.subject : '';
    const [kind, id] = [subject.split(':')[0], subject.split(':').slice(1).join(':')];
    const input = {
      ...fields,
      microCredential: kind === 'mc' ? id : undefined,
      pathway: kind === 'pathway' ? id : undefined,
      stack: kind === 'stack' ? id : undefined,
    };
    return handleForm(
      c,
      fields,
      async () => {
        const { publicId } = await submitProgram(c.var.deps, {
          actor: actor(c),
          orgSlug: slugOf(c),
          ...input,
        });
        return redirectWith(
          c,
          `/orgs/${slugOf(c)}/recognition/submissions/${publicId}`,
          'success',
          'Submitted. The recognizer’s officers have been told; you will get an email when they respond.',
        );
      },
      async (form, status) => {
        const prev =
          typeof fields.previousSubmission === 'string' && fields.previousSubmission
            ? (
                await loadSubmission(
                  c.var.deps.db,
                  slugOf(c),
                  actor(c).userId,
                  fields.previousSubmission,
                ).catch(() => null)
              )?.submission
            : undefined;
        return submitPage(c, form, status as 422, prev ?? undefined);
      },
    );
  });
  r.get('/orgs/:slug/recognition/submissions/:id/resubmit', async (c) => {
    const { side, submission } = await loadSubmission(
      c.var.deps.db,
      slugOf(c),
      actor(c).userId,
      c.req.param('id'),
    );
    if (side !== 'issuer') throw notFound('That submission');
    return submitPage(c, emptyForm, 200, submission);
  });

  // ---------- Both sides: one submission and its thread ----------
  const submissionPage = async (
    c: C,
    forms: { name?: string; form?: FormState } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const { db, clock } = c.var.deps;
    const {
      organisation,
      side,
      submission: s,
      roles,
    } = await loadSubmission(db, slugOf(c), actor(c).userId, c.req.param('id') ?? '');
    const formFor = (name: string): FormState => (forms.name === name && forms.form ? forms.form : emptyForm);
    const [thread, resubmitVersion, version, endorsements, previous, next] = await Promise.all([
      submissionThread(db, s.id),
      side === 'issuer' ? resubmittableVersion(db, s) : Promise.resolve(null),
      // Only the submitted version: a recognizer never sees the issuer's drafts or other versions.
      s.micro_credential_id !== null
        ? db
            .selectFrom('micro_credential_versions')
            .selectAll()
            .where('micro_credential_id', '=', s.micro_credential_id)
            .where('version', '=', s.micro_credential_version!)
            .executeTakeFirst()
        : Promise.resolve(undefined),
      db
        .selectFrom('endorsements')
        .select(['public_id', 'created_at', 'revoked_at'])
        .where('submission_id', '=', s.id)
        .orderBy('id')
        .execute(),
      s.previous_submission_id
        ? db
            .selectFrom('program_submissions')
            .select(['public_id', 'micro_credential_version', 'status'])
            .where('id', '=', s.previous_submission_id)
            .executeTakeFirst()
        : Promise.resolve(undefined),
      db
        .selectFrom('program_submissions')
        .select(['public_id', 'micro_credential_version', 'status'])
        .where('previous_submission_id', '=', s.id)
        .orderBy('id')
        .execute(),
    ]);
    const url = `/orgs/${organisation.slug}/recognition/submissions/${s.public_id}`;
    const manage = side === 'recognizer' && can(roles, 'recognition.manage');
    const open = s.status === 'submitted' || s.status === 'changes_requested';
    const expired = s.status === 'approved' && s.ends_on !== null && s.ends_on < day(clock.now());
    const defaultHours = s.unit_rule === 'fixed' ? s.fixed_hours : s.credit_hours;
    return page(
      c,
      `Submission: ${s.title}`,
      <>
        <p class="muted">
          <a
            href={
              side === 'recognizer'
                ? `/orgs/${organisation.slug}/recognition/queue`
                : `/orgs/${organisation.slug}/recognition/submissions`
            }
          >
            {side === 'recognizer' ? 'Recognition queue' : 'Recognition submissions'}
          </a>{' '}
          · {s.public_id}
        </p>
        <h1>{s.title}</h1>
        <p>
          <StatusTag status={s.status} />{' '}
          {side === 'recognizer' ? `Submitted by ${s.issuer_name}` : `Submitted to ${s.recognizer_name}`} for
          “{s.program_name}” ({s.license_name}) on {day(s.created_at)}.
        </p>
        {s.status === 'approved' && (
          <p class={expired ? 'flash info' : 'flash success'}>
            {expired ? 'The approval ended on' : 'Recognized for'}{' '}
            {expired
              ? s.ends_on
              : `${s.hours_granted ?? 0} credit hours${s.ends_on ? `, until ${s.ends_on}` : ''}`}
            .
            {s.subject_kind === 'micro_credential' &&
              ` Only version ${s.micro_credential_version} is recognized.`}
          </p>
        )}
        {previous && (
          <p class="muted">
            Follows{' '}
            <a href={`/orgs/${organisation.slug}/recognition/submissions/${previous.public_id}`}>
              {previous.public_id}
            </a>
            {previous.micro_credential_version !== null &&
              ` (version ${previous.micro_credential_version}, ${STATUS_LABELS[previous.status].toLowerCase()})`}
            .
          </p>
        )}
        {next.map((n) => (
          <p class="muted">
            Resubmitted as{' '}
            <a href={`/orgs/${organisation.slug}/recognition/submissions/${n.public_id}`}>{n.public_id}</a>
            {n.micro_credential_version !== null && ` (version ${n.micro_credential_version})`}.
          </p>
        ))}
        <section class="card">
          <h2>Statement: how competency is verified and endorsed</h2>
          <p style="white-space:pre-wrap">{s.statement}</p>
        </section>

        <section class="card" aria-labelledby="thread-h">
          <h2 id="thread-h">Thread</h2>
          <ol style="list-style:none;padding:0">
            {thread.map((t) => (
              <li style="border-left:3px solid #d7dce5;padding:4px 10px;margin-bottom:10px">
                <p class="muted" style="margin:0">
                  {t.author_name ?? 'Cairn'} ({t.author_side === 'issuer' ? s.issuer_name : s.recognizer_name}
                  ) · {t.kind.replace(/_/g, ' ')} ·{' '}
                  {t.created_at.toISOString().replace('T', ' ').slice(0, 16)} UTC
                </p>
                <p style="white-space:pre-wrap;margin:4px 0 0">{t.body}</p>
              </li>
            ))}
          </ol>
          {(side === 'issuer' || manage) && (
            <form method="post" action={`${url}/comment`} class="stack" novalidate>
              <CsrfField token={c.var.csrfToken} />
              <ErrorSummary form={formFor('comment')} />
              <TextArea form={formFor('comment')} name="body" label="Comment" rows={3} />
              <button type="submit" class="secondary">
                Add comment
              </button>
            </form>
          )}
        </section>

        {manage && open && (
          <section class="card">
            <h2>Decide</h2>
            <form method="post" action={`${url}/approve`} class="stack" novalidate>
              <CsrfField token={c.var.csrfToken} />
              <ErrorSummary form={formFor('approve')} />
              <Field
                form={formFor('approve')}
                name="hours"
                label="Credit hours granted"
                value={defaultHours === null ? '' : String(defaultHours)}
                hint={
                  s.unit_rule === 'fixed'
                    ? `The program grants ${s.fixed_hours} h per micro-credential.`
                    : 'The program counts the micro-credential’s own credit hours.'
                }
              />
              <div class="field">
                <label for="f-endsOn">End date (optional)</label>
                {formFor('approve').errors.endsOn && (
                  <span id="f-endsOn-error" class="error-text">
                    {formFor('approve').errors.endsOn}
                  </span>
                )}
                <input
                  id="f-endsOn"
                  name="endsOn"
                  type="date"
                  value={formFor('approve').values.endsOn ?? ''}
                  aria-invalid={formFor('approve').errors.endsOn ? 'true' : undefined}
                />
              </div>
              <TextArea
                form={formFor('approve')}
                name="approveNote"
                label="Approval note (optional)"
                rows={2}
              />
              <button type="submit">Approve</button>
            </form>
            {s.status === 'submitted' && (
              <form method="post" action={`${url}/request-changes`} class="stack" novalidate>
                <CsrfField token={c.var.csrfToken} />
                <ErrorSummary form={formFor('changes')} />
                <TextArea form={formFor('changes')} name="changes" label="Changes needed" rows={3} />
                <button type="submit" class="secondary">
                  Request changes
                </button>
              </form>
            )}
            <form method="post" action={`${url}/reject`} class="stack" novalidate>
              <CsrfField token={c.var.csrfToken} />
              <ErrorSummary form={formFor('reject')} />
              <TextArea form={formFor('reject')} name="reasons" label="Reasons for rejecting" rows={3} />
              <button type="submit" class="danger">
                Reject
              </button>
            </form>
          </section>
        )}

        {s.status === 'approved' && (
          <section class="card">
            <h2>Endorsement</h2>
            {endorsements.length ? (
              <ul>
                {endorsements.map((e) => (
                  <li>
                    <a href={`/endorsements/${e.public_id}`}>Open Badges 3.0 EndorsementCredential</a> issued{' '}
                    {day(e.created_at)}
                    {e.revoked_at && ' (revoked)'}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">Not endorsed yet.</p>
            )}
            {manage && s.subject_kind === 'micro_credential' && !endorsements.some((e) => !e.revoked_at) && (
              <form method="post" action={`${url}/endorse`} class="stack" novalidate>
                <CsrfField token={c.var.csrfToken} />
                <ErrorSummary form={formFor('endorse')} />
                <TextArea
                  form={formFor('endorse')}
                  name="comment"
                  label="Endorsement text (optional)"
                  rows={2}
                />
                <button type="submit">Issue endorsement</button>
              </form>
            )}
          </section>
        )}

        {side === 'issuer' && (open || resubmitVersion !== null) && (
          <section class="card">
            <h2>Your next step</h2>
            {resubmitVersion !== null && (
              <p>
                <a class="button" href={`${url}/resubmit`}>
                  Resubmit version {resubmitVersion}
                </a>
              </p>
            )}
            {s.status === 'changes_requested' &&
              resubmitVersion === s.micro_credential_version &&
              s.mc_public_id && (
                <p class="muted">
                  To change the micro-credential itself,{' '}
                  <a href={`/orgs/${organisation.slug}/micro-credentials/${s.mc_public_id}`}>
                    start a new version
                  </a>
                  , publish it, then resubmit that version.
                </p>
              )}
            {open && (
              <ActionButton
                action={`${url}/withdraw`}
                csrfToken={c.var.csrfToken}
                label="Withdraw submission"
                variant="danger"
              />
            )}
          </section>
        )}

        {version && (
          <section class="card">
            <h2>The submitted version (version {version.version})</h2>
            <MicroCredentialBody d={versionToDesign(version)} version={version.version} />
          </section>
        )}
      </>,
      status,
    );
  };
  r.get('/orgs/:slug/recognition/submissions/:id', (c) => submissionPage(c));

  const post = (
    path: string,
    formName: string,
    run: (c: C, fields: Record<string, string | string[]>) => Promise<unknown>,
    message: string,
  ) =>
    r.post(`/orgs/:slug/recognition/submissions/:id/${path}`, async (c) => {
      const fields = await formFields(c);
      return handleForm(
        c,
        fields,
        async () => {
          await run(c, fields);
          return redirectWith(
            c,
            `/orgs/${slugOf(c)}/recognition/submissions/${c.req.param('id')}`,
            'success',
            message,
          );
        },
        (form, status) => {
          // Field errors name the command's fields; show them next to this form's own field.
          const rename: Record<string, string> = {
            body:
              formName === 'changes'
                ? 'changes'
                : formName === 'reject'
                  ? 'reasons'
                  : formName === 'approve'
                    ? 'approveNote'
                    : 'body',
          };
          const errors = Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [rename[k] ?? k, v]));
          return submissionPage(c, { name: formName, form: { ...form, errors } }, status as 422);
        },
      );
    });
  const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
  post(
    'comment',
    'comment',
    (c, f) =>
      commentOnProgramSubmission(c.var.deps, {
        actor: actor(c),
        orgSlug: slugOf(c),
        submission: c.req.param('id') ?? '',
        body: str(f.body),
      }),
    'Comment added; the other side has been told.',
  );
  post(
    'request-changes',
    'changes',
    (c, f) =>
      requestSubmissionChanges(c.var.deps, {
        actor: actor(c),
        orgSlug: slugOf(c),
        submission: c.req.param('id') ?? '',
        body: str(f.changes),
      }),
    'Changes requested; the issuer has been told.',
  );
  post(
    'approve',
    'approve',
    (c, f) =>
      approveProgramSubmission(c.var.deps, {
        actor: actor(c),
        orgSlug: slugOf(c),
        submission: c.req.param('id') ?? '',
        hours: str(f.hours),
        endsOn: str(f.endsOn),
        body: str(f.approveNote),
      }),
    'Approved; the issuer has been told.',
  );
  post(
    'reject',
    'reject',
    (c, f) =>
      rejectProgramSubmission(c.var.deps, {
        actor: actor(c),
        orgSlug: slugOf(c),
        submission: c.req.param('id') ?? '',
        body: str(f.reasons),
      }),
    'Rejected; the issuer has been told.',
  );
  post(
    'withdraw',
    'withdraw',
    (c, f) =>
      withdrawProgramSubmission(c.var.deps, {
        actor: actor(c),
        orgSlug: slugOf(c),
        submission: c.req.param('id') ?? '',
        body: str(f.body),
      }),
    'Submission withdrawn.',
  );
  post(
    'endorse',
    'endorse',
    (c, f) =>
      endorseProgramSubmission(c.var.deps, {
        actor: actor(c),
        orgSlug: slugOf(c),
        submission: c.req.param('id') ?? '',
        comment: str(f.comment),
      }),
    'Endorsement issued and signed with your organisation’s key.',
  );

  // ---------- Public: an endorsement's signed document ----------
  r.get('/endorsements/:id', async (c) => {
    const row = await c.var.deps.db
      .selectFrom('endorsements')
      .select(['document', 'revoked_at'])
      .where('public_id', '=', c.req.param('id'))
      .executeTakeFirst();
    if (!row) throw notFound('That endorsement');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(row.document, 200, { 'Content-Type': 'application/vc+ld+json; charset=utf-8' });
  });
  return r;
}
