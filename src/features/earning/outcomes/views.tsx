import type { EARNING_MODES } from '../../catalog/index.ts';
import { CsrfField, ErrorSummary, Field, TableHead, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';

/** The outcomes page's view: pure JSX of its model (pages.tsx loads it and renders). */

export type EarningMode = (typeof EARNING_MODES)[number];

/** What was recorded: a score, attendance, or a completed course. */
export type OutcomeResult = { kind: 'score'; score: number } | { kind: 'attended' } | { kind: 'completed' };

export interface RecordedOutcome {
  /** When it was recorded. */
  at: Date;
  email: string;
  result: OutcomeResult;
  issued: boolean;
  /** Who recorded it (null: Cairn itself). */
  by: string | null;
}

export interface OutcomesViewModel {
  organisation: { slug: string; name: string };
  microCredential: { publicId: string; title: string; version: number; retired: boolean };
  mode: EarningMode;
  /** The pass mark of an assessment (out of 100). */
  passingScore: number | null;
  /** False for peer-reviewed or proof-of-completion micro-credentials: nothing to record here. */
  recordable: boolean;
  action: string;
  backHref: string;
  outcomes: RecordedOutcome[];
}

/** "Score 92", "Attended", "Course completed", "Score 79 (below the pass mark)". */
export function resultWords(t: Translator['t'], o: Pick<RecordedOutcome, 'result' | 'issued'>): string {
  const result =
    o.result.kind === 'score'
      ? t('earning.outcomes.result.score', { score: o.result.score })
      : o.result.kind === 'attended'
        ? t('earning.outcomes.result.attended')
        : t('earning.outcomes.result.completed');
  return o.issued ? result : t('earning.outcomes.result.belowPassMark', { result });
}

/** Yes / no radio buttons in a fieldset, with the error beside them. */
function YesNo({ form, name, legend }: { form: FormState; name: string; legend: string }) {
  const { t } = useT();
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
          ['yes', t('earning.outcomes.yes')],
          ['no', t('earning.outcomes.no')],
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
  const { t } = useT();
  const { mode } = model;
  const passingScore = model.passingScore ?? 0;
  return (
    <section class="card">
      <h2>{t('earning.outcomes.recordHeading')}</h2>
      <p>
        {mode === 'assessment'
          ? t('earning.outcomes.lead.assessment', { passingScore })
          : mode === 'attendance'
            ? t('earning.outcomes.lead.attendance')
            : t('earning.outcomes.lead.completion')}
      </p>
      <ErrorSummary form={form} />
      <form method="post" action={model.action} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <Field
          form={form}
          name="email"
          type="email"
          label={t('earning.outcomes.email')}
          hint={t('earning.outcomes.emailHint')}
          required
        />
        {mode === 'assessment' && (
          <Field
            form={form}
            name="score"
            label={t('earning.outcomes.score')}
            hint={t('earning.outcomes.scoreHint', { passingScore })}
            required
          />
        )}
        {mode === 'attendance' && (
          <YesNo form={form} name="attended" legend={t('earning.outcomes.attended')} />
        )}
        {mode !== 'assessment' && (
          <Field
            form={form}
            name="completedOn"
            label={
              mode === 'attendance' ? t('earning.outcomes.dateAttended') : t('earning.outcomes.dateCompleted')
            }
            hint={t('earning.outcomes.dateHint')}
            required
          />
        )}
        <button type="submit">{t('earning.outcomes.record')}</button>
      </form>
    </section>
  );
}

/** The outcomes recorded so far, newest first. */
function OutcomesTable({ outcomes }: { outcomes: OutcomesViewModel['outcomes'] }) {
  const { t, date } = useT();
  return (
    <section class="card">
      <h2>{t('earning.outcomes.recorded')}</h2>
      {outcomes.length === 0 ? (
        <p>{t('earning.outcomes.none')}</p>
      ) : (
        <table>
          <TableHead
            columns={[
              t('earning.outcomes.columns.recorded'),
              t('earning.outcomes.columns.email'),
              t('earning.outcomes.columns.result'),
              t('earning.outcomes.columns.badge'),
              t('earning.outcomes.columns.by'),
            ]}
          />
          <tbody>
            {outcomes.map((o) => (
              <tr>
                <td>{date(o.at, { withTime: true })}</td>
                <td>{o.email}</td>
                <td>{resultWords(t, o)}</td>
                <td>{o.issued ? t('earning.outcomes.issued') : t('earning.outcomes.notIssued')}</td>
                <td>{o.by ?? t('layout.brand')}</td>
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
  const { t } = useT();
  return (
    <>
      <p class="muted">
        <a href={model.backHref}>{model.microCredential.title}</a> ·{' '}
        {t(`earning.outcomes.modes.${model.mode}`)}
      </p>
      <h1>{t('earning.outcomes.title', { title: model.microCredential.title })}</h1>
      {!model.recordable ? (
        <p>
          {model.mode === 'reviewed_evidence'
            ? t('earning.outcomes.notRecordable.reviewed')
            : t('earning.outcomes.notRecordable.proof')}
        </p>
      ) : model.microCredential.retired ? (
        <p>{t('earning.outcomes.retired')}</p>
      ) : (
        <OutcomeForm model={model} form={form} csrfToken={csrfToken} />
      )}
      <OutcomesTable outcomes={model.outcomes} />
    </>
  );
}
