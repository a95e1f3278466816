import { useT } from '../../../../web/i18n/context.ts';
import { CsrfField, ErrorSummary, Field, TextArea, type FormState } from '../../../../web/forms.tsx';
import { ACHIEVEMENT_TYPES, EARNING_MODES, EARNING_MODE_LABELS } from '../../microCredential.ts';
import { REVIEWED_MODES, achievementTypeLabel, rowsToShow } from '../designForm.ts';
import { LanguageEditionFields } from './languageEditionFields.tsx';

/** The design form's fields: sections that apply to some earning modes only are hidden for the others. */

type Section = { form: FormState; forModes: (modes: readonly string[]) => Record<string, unknown> };

const EVIDENCE_KINDS = [
  ['text', 'Written answer'],
  ['file', 'File upload'],
  ['link', 'Link'],
] as const;

function EvidenceRow({ form, i }: { form: FormState; i: number }) {
  const v = form.values;
  return (
    <div class="row mb-4">
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
          {EVIDENCE_KINDS.map(([k, label]) => (
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
  );
}

function EvidenceSection({ form, forModes }: Section) {
  const evidenceRows = rowsToShow(form.values, 'ev_prompt_');
  return (
    <fieldset {...forModes(REVIEWED_MODES)}>
      <legend>Evidence requirements</legend>
      {form.errors.evidenceParts && <p class="error-text">{form.errors.evidenceParts}</p>}
      {Array.from({ length: evidenceRows }, (_, i) => (
        <EvidenceRow form={form} i={i} />
      ))}
    </fieldset>
  );
}

function CriterionRow({ form, levels, i }: { form: FormState; levels: string[]; i: number }) {
  const v = form.values;
  return (
    <div class="card">
      <div class="field">
        <label for={`f-cr_name_${i}`}>Criterion {i + 1}</label>
        <input id={`f-cr_name_${i}`} name={`cr_name_${i}`} type="text" value={v[`cr_name_${i}`] ?? ''} />
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
          <option value={String(j)} selected={(v[`cr_pass_${i}`] ?? String(levels.length - 1)) === String(j)}>
            {level}
          </option>
        ))}
      </select>
    </div>
  );
}

function RubricSection({ form, forModes }: Section) {
  const v = form.values;
  const levels = (v.levels ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const criteriaRows = rowsToShow(v, 'cr_name_');
  const rubricError =
    form.errors.rubric ?? Object.entries(form.errors).find(([k]) => k.startsWith('rubric.'))?.[1];
  return (
    <fieldset {...forModes(REVIEWED_MODES)}>
      <legend>Rubric</legend>
      {rubricError && <p class="error-text">{rubricError}</p>}
      <Field form={form} name="levels" label="Performance levels, lowest first, separated by commas" />
      {Array.from({ length: criteriaRows }, (_, i) => (
        <CriterionRow form={form} levels={levels} i={i} />
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
        class="short-input"
      />
    </fieldset>
  );
}

/** Pre-approved sessions are no longer typed here: providers request them and staff approve them. */
function PreApprovedSessionsNote() {
  const { t } = useT();
  return <p class="hint">{t('programA.sessions.designerNote')}</p>;
}

function TermsSection({ form, forModes }: Section) {
  return (
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
        <PreApprovedSessionsNote />
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
  );
}

function ModeSection({ form }: { form: FormState }) {
  const v = form.values;
  return (
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
        The form shows only what the chosen earning mode needs: peer-reviewed evidence has evidence parts and
        a rubric; a certificate of completion has its pre-approved programs; an assessment has a passing
        score.
      </p>
    </fieldset>
  );
}

/** The whole design form of a draft, as the designer fills it in. */
export function DesignForm({
  form,
  action,
  csrfToken,
}: {
  form: FormState;
  action: string;
  csrfToken: string;
}) {
  const mode = form.values.earningMode || 'reviewed_evidence';
  // Sections that apply to some earning modes only: shown for the chosen mode (design-form.js
  // follows the select as it changes; without it, saving shows the sections of the new mode).
  const forModes = (modes: readonly string[]) => ({
    'data-earning-modes': modes.join(' '),
    hidden: !modes.includes(mode),
  });
  return (
    <form method="post" action={action} class="stack wide" novalidate>
      <CsrfField token={csrfToken} />
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
      <ModeSection form={form} />
      <EvidenceSection form={form} forModes={forModes} />
      <RubricSection form={form} forModes={forModes} />
      <TermsSection form={form} forModes={forModes} />
      <LanguageEditionFields form={form} />
      <p>
        <button type="submit">Save draft</button>
      </p>
    </form>
  );
}
