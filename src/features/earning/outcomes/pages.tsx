import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { conflict, invalid, notFound } from '../../../domain/errors.ts';
import { EARNING_MODE_LABELS, type EARNING_MODES } from '../../catalog/index.ts';
import { requireMember } from '../../accounts/index.ts';
import { recordOutcome } from '../commands/recordOutcome.ts';
import { versionToDesign } from '../../catalog/index.ts';
import type { Db } from '../../../storage/database.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { CsrfField, ErrorSummary, Field, TableHead, emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { publishedVersion, recordedOutcomes } from './queries.ts';

type EarningMode = (typeof EARNING_MODES)[number];
/** The earning modes whose outcomes staff record (the others are earned by applying). */
export const RECORDED_MODES: ReadonlyArray<EarningMode> = ['assessment', 'attendance', 'course_completion'];
export const recordsOutcomes = (mode: EarningMode) => RECORDED_MODES.includes(mode);

export interface RecordedOutcome {
  /** When it was recorded, "2026-05-01 14:05 UTC". */
  at: string;
  email: string;
  /** "Score 92", "Attended", "Course completed", "Score 79 (below the pass mark)". */
  result: string;
  issued: boolean;
  by: string;
}

export interface OutcomesViewModel {
  organisation: { slug: string; name: string };
  microCredential: { publicId: string; title: string; version: number; retired: boolean };
  mode: EarningMode;
  modeLabel: string;
  /** The pass mark of an assessment (out of 100). */
  passingScore: number | null;
  /** False for peer-reviewed or proof-of-completion micro-credentials: nothing to record here. */
  recordable: boolean;
  action: string;
  backHref: string;
  outcomes: RecordedOutcome[];
}

const stamp = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

/** The outcomes page of one of the organisation's published micro-credentials (issuing staff and admins). */
export async function loadOutcomes(
  db: Db,
  userId: number,
  orgSlug: string,
  mcPublicId: string,
): Promise<OutcomesViewModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'credentials.issue');
  const version = await publishedVersion(db, organisation.id, mcPublicId);
  if (!version) throw notFound('microCredential');
  const design = versionToDesign(version);
  const rows = await recordedOutcomes(db, organisation.id, mcPublicId);
  const base = `/orgs/${organisation.slug}/micro-credentials/${mcPublicId}`;
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    microCredential: {
      publicId: mcPublicId,
      title: version.title,
      version: version.version,
      retired: version.retired_at !== null,
    },
    mode: design.earningMode,
    modeLabel: EARNING_MODE_LABELS[design.earningMode],
    passingScore: design.passingScore ?? null,
    recordable: recordsOutcomes(design.earningMode),
    action: `${base}/outcomes`,
    backHref: base,
    outcomes: rows.map((r) => {
      const issued = r.action === 'outcome.recorded';
      const score = typeof r.data.score === 'number' ? r.data.score : null;
      const mode = typeof r.data.mode === 'string' ? r.data.mode : 'assessment';
      const result =
        score !== null ? `Score ${score}` : mode === 'attendance' ? 'Attended' : 'Course completed';
      return {
        at: stamp(r.created_at),
        email: typeof r.data.email === 'string' ? r.data.email : '',
        result: issued ? result : `${result} (below the pass mark)`,
        issued,
        by: r.actor_name ?? 'Cairn',
      };
    }),
  };
}

/** Yes / no radio buttons in a fieldset, with the error beside them. */
function YesNo({ form, name, legend }: { form: FormState; name: string; legend: string }) {
  const error = form.errors[name];
  const chosen = form.values[name] ?? 'yes';
  return (
    <fieldset id={`f-${name}`} class="checks" aria-describedby={error ? `f-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error && (
        <span id={`f-${name}-error`} class="error-text">
          {error}
        </span>
      )}
      {(
        [
          ['yes', 'Yes'],
          ['no', 'No'],
        ] as const
      ).map(([value, text]) => (
        <label for={`f-${name}-${value}`}>
          <input
            id={`f-${name}-${value}`}
            type="radio"
            name={name}
            value={value}
            checked={chosen === value}
          />{' '}
          {text}
        </label>
      ))}
    </fieldset>
  );
}

/** The form for one outcome, worded by the micro-credential's earning mode. */
function OutcomeForm({
  model,
  form,
  csrfToken,
}: {
  model: OutcomesViewModel;
  form: FormState;
  csrfToken: string;
}) {
  const { mode } = model;
  return (
    <section class="card">
      <h2>Record an outcome</h2>
      <p>
        {mode === 'assessment'
          ? `A score at or above the pass mark (${model.passingScore ?? 0} out of 100) issues the badge; a lower score is recorded without one.`
          : mode === 'attendance'
            ? 'Recording attendance issues the badge to the person’s email.'
            : 'Recording a completed course issues the badge to the person’s email.'}
      </p>
      <ErrorSummary form={form} />
      <form method="post" action={model.action} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <Field
          form={form}
          name="email"
          type="email"
          label="The person’s email"
          hint="The badge is sent here; they claim it with this address."
          required
        />
        {mode === 'assessment' && (
          <Field
            form={form}
            name="score"
            label="Score (0–100)"
            hint={`Pass mark: ${model.passingScore ?? 0}.`}
            required
          />
        )}
        {mode === 'attendance' && <YesNo form={form} name="attended" legend="Did they attend?" />}
        {mode !== 'assessment' && (
          <Field
            form={form}
            name="completedOn"
            label={mode === 'attendance' ? 'Date attended' : 'Date completed'}
            hint="Like 2026-05-01."
            required
          />
        )}
        <button type="submit">Record outcome</button>
      </form>
    </section>
  );
}

/** The outcomes recorded so far, newest first. */
function OutcomesTable({ outcomes }: { outcomes: OutcomesViewModel['outcomes'] }) {
  return (
    <section class="card">
      <h2>Outcomes recorded so far</h2>
      {outcomes.length === 0 ? (
        <p>No outcomes recorded yet.</p>
      ) : (
        <table>
          <TableHead columns={['Recorded', 'Email', 'Result', 'Badge', 'By']} />
          <tbody>
            {outcomes.map((o) => (
              <tr>
                <td>{o.at}</td>
                <td>{o.email}</td>
                <td>{o.result}</td>
                <td>{o.issued ? 'Issued' : 'Not issued'}</td>
                <td>{o.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The page: the form for one outcome (by the mode's terms) and the outcomes recorded so far. */
export function OutcomesView({
  model,
  form,
  csrfToken,
}: {
  model: OutcomesViewModel;
  form: FormState;
  csrfToken: string;
}) {
  const { mode } = model;
  return (
    <>
      <p class="muted">
        <a href={model.backHref}>{model.microCredential.title}</a> · {model.modeLabel}
      </p>
      <h1>Record outcomes: {model.microCredential.title}</h1>
      {!model.recordable ? (
        <p>
          This micro-credential is earned by{' '}
          {mode === 'reviewed_evidence'
            ? 'submitting evidence for peer review'
            : 'applying with a certificate of completion'}
          , so there are no outcomes to record here.
        </p>
      ) : model.microCredential.retired ? (
        <p>This micro-credential is retired: no more outcomes can be recorded.</p>
      ) : (
        <OutcomeForm model={model} form={form} csrfToken={csrfToken} />
      )}
      <OutcomesTable outcomes={model.outcomes} />
    </>
  );
}

type C = Context<AppEnv>;

/** What the page asks beyond the command: attendance must be "yes", and a date for attendance and completion. */
function checkPageFields(mode: EarningMode, fields: Record<string, string | string[]>) {
  const problems: Record<string, string> = {};
  if (
    mode === 'assessment' &&
    typeof fields.score === 'string' &&
    fields.score.trim() !== '' &&
    !/^\d+(\.\d+)?$/.test(fields.score.trim())
  )
    problems.score = 'Enter the score as a number from 0 to 100.';
  if (mode === 'attendance' && fields.attended !== 'yes')
    problems.attended = 'A badge is issued for attendance only: choose Yes if they attended.';
  if (mode !== 'assessment' && (typeof fields.completedOn !== 'string' || fields.completedOn.trim() === ''))
    problems.completedOn =
      mode === 'attendance'
        ? 'Enter the date they attended, like 2026-05-01.'
        : 'Enter the date they completed the course, like 2026-05-01.';
  if (Object.keys(problems).length) throw invalid(problems);
}

/** `/orgs/:slug/micro-credentials/:id/outcomes`: staff record assessment scores, attendance and course completions. */
export function outcomeRoutes() {
  const r = new Hono<AppEnv>();
  const show = async (c: C, form: FormState, status: ContentfulStatusCode = 200) => {
    const model = await loadOutcomes(
      c.var.deps.db,
      requireViewer(c.var.viewer).user_id,
      c.req.param('slug') ?? '',
      c.req.param('id') ?? '',
    );
    return page(
      c,
      `Record outcomes: ${model.microCredential.title}`,
      <OutcomesView model={model} form={form} csrfToken={c.var.csrfToken} />,
      status,
    );
  };
  r.get('/orgs/:slug/micro-credentials/:id/outcomes', (c) => show(c, emptyForm));
  r.post('/orgs/:slug/micro-credentials/:id/outcomes', async (c) => {
    const userId = requireViewer(c.var.viewer).user_id;
    const model = await loadOutcomes(c.var.deps.db, userId, c.req.param('slug'), c.req.param('id'));
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        if (!model.recordable || model.microCredential.retired)
          throw conflict('Outcomes cannot be recorded for this micro-credential.');
        checkPageFields(model.mode, fields);
        const input = {
          email: fields.email,
          score: fields.score,
          completedOn:
            typeof fields.completedOn === 'string' ? fields.completedOn.trim() || undefined : undefined,
        };
        const result = await recordOutcome(c.var.deps, {
          ...input,
          actor: { userId, ip: c.var.ip },
          orgSlug: model.organisation.slug,
          microCredential: model.microCredential.publicId,
        });
        if ('issued' in result && result.issued === false)
          return redirectWith(
            c,
            model.action,
            'info',
            `Recorded for ${String(fields.email)}: ${result.reason} No badge was issued.`,
          );
        return redirectWith(
          c,
          model.action,
          'success',
          `Recorded. The badge was issued to ${String(fields.email)}.`,
        );
      },
      (form, status) => show(c, form, status),
    );
  });
  return r;
}
