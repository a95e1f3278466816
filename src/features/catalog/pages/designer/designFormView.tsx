import { useT } from '../../../../web/i18n/context.ts';
import { CsrfField, ErrorSummary, Field, TextArea, type FormState } from '../../../../web/forms.tsx';
import { ACHIEVEMENT_TYPES, EARNING_MODES } from '../../microCredential.ts';
import { REVIEWED_MODES, rowsToShow } from '../designForm.ts';

/** The design form's fields: sections that apply to some earning modes only are hidden for the others. */

type Section = { form: FormState; forModes: (modes: readonly string[]) => Record<string, unknown> };

const EVIDENCE_KINDS = ['text', 'file', 'link'] as const;

function EvidenceRow({ form, i }: { form: FormState; i: number }) {
  const v = form.values;
  const { t } = useT();
  return (
    <div class="row mb-4">
      <div class="field">
        <label for={`f-ev_prompt_${i}`}>{t('catalog.designer.form.partPrompt', { number: i + 1 })}</label>
        <input
          id={`f-ev_prompt_${i}`}
          name={`ev_prompt_${i}`}
          type="text"
          value={v[`ev_prompt_${i}`] ?? ''}
        />
      </div>
      <div class="field">
        <label for={`f-ev_kind_${i}`}>{t('catalog.designer.form.kind')}</label>
        <select id={`f-ev_kind_${i}`} name={`ev_kind_${i}`}>
          {EVIDENCE_KINDS.map((k) => (
            <option value={k} selected={v[`ev_kind_${i}`] === k}>
              {t(`catalog.designer.form.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`f-ev_words_${i}`}>{t('catalog.designer.form.wordLimit')}</label>
        <input
          id={`f-ev_words_${i}`}
          name={`ev_words_${i}`}
          type="number"
          min="1"
          value={v[`ev_words_${i}`] ?? ''}
        />
      </div>
      <div class="field">
        <label for={`f-ev_size_${i}`}>{t('catalog.designer.form.sizeLimit')}</label>
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
        {t('catalog.designer.form.required')}
      </label>
    </div>
  );
}

function EvidenceSection({ form, forModes }: Section) {
  const evidenceRows = rowsToShow(form.values, 'ev_prompt_');
  const { t } = useT();
  return (
    <fieldset {...forModes(REVIEWED_MODES)}>
      <legend>{t('catalog.designer.form.evidenceLegend')}</legend>
      {form.errors.evidenceParts && <p class="error-text">{form.errors.evidenceParts}</p>}
      {Array.from({ length: evidenceRows }, (_, i) => (
        <EvidenceRow form={form} i={i} />
      ))}
    </fieldset>
  );
}

function CriterionRow({ form, levels, i }: { form: FormState; levels: string[]; i: number }) {
  const v = form.values;
  const { t } = useT();
  return (
    <div class="card">
      <div class="field">
        <label for={`f-cr_name_${i}`}>{t('catalog.designer.form.criterion', { number: i + 1 })}</label>
        <input id={`f-cr_name_${i}`} name={`cr_name_${i}`} type="text" value={v[`cr_name_${i}`] ?? ''} />
      </div>
      {levels.map((level, j) => (
        <div class="field">
          <label for={`f-cr_desc_${i}_${j}`}>{t('catalog.designer.form.descriptor', { level })}</label>
          <input
            id={`f-cr_desc_${i}_${j}`}
            name={`cr_desc_${i}_${j}`}
            type="text"
            value={v[`cr_desc_${i}_${j}`] ?? ''}
          />
        </div>
      ))}
      <label for={`f-cr_pass_${i}`}>{t('catalog.designer.form.passesAt')}</label>{' '}
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
  const { t } = useT();
  return (
    <fieldset {...forModes(REVIEWED_MODES)}>
      <legend>{t('catalog.designer.form.rubricLegend')}</legend>
      {rubricError && <p class="error-text">{rubricError}</p>}
      <Field form={form} name="levels" label={t('catalog.designer.form.levels')} />
      {Array.from({ length: criteriaRows }, (_, i) => (
        <CriterionRow form={form} levels={levels} i={i} />
      ))}
      <label for="f-pass_rule">{t('catalog.designer.form.passRule')}</label>{' '}
      <select id="f-pass_rule" name="pass_rule">
        <option value="all" selected={v.pass_rule !== 'minimum'}>
          {t('catalog.designer.form.passAll')}
        </option>
        <option value="minimum" selected={v.pass_rule === 'minimum'}>
          {t('catalog.designer.form.passMinimum')}
        </option>
      </select>{' '}
      <input
        aria-label={t('catalog.designer.form.passCount')}
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
  const { t } = useT();
  return (
    <fieldset>
      <legend>{t('catalog.designer.form.termsLegend')}</legend>
      <Field form={form} name="effortHours" label={t('catalog.designer.form.effortHours')} />
      <Field form={form} name="creditHours" label={t('catalog.designer.form.creditHours')} />
      <Field form={form} name="validityMonths" label={t('catalog.designer.form.validityMonths')} />
      <Field
        form={form}
        name="applicationWindowMonths"
        label={t('catalog.designer.form.applicationWindow')}
        value="6"
      />
      <Field form={form} name="applicationFee" label={t('catalog.designer.form.applicationFee')} />
      <Field
        form={form}
        name="applicationFeeCurrency"
        label={t('catalog.designer.form.feeCurrency')}
        value="USD"
      />
      <div {...forModes(['proof_of_completion'])}>
        <PreApprovedSessionsNote />
      </div>
      <div {...forModes(['assessment'])}>
        <Field form={form} name="passingScore" label={t('catalog.designer.form.passingScore')} />
      </div>
      <Field form={form} name="tags" label={t('catalog.designer.form.tags')} />
      <TextArea
        form={form}
        name="alignments"
        label={t('catalog.designer.form.alignments')}
        hint={t('catalog.designer.form.alignmentsHint')}
        rows={3}
      />
    </fieldset>
  );
}

function ModeSection({ form }: { form: FormState }) {
  const v = form.values;
  const { t } = useT();
  return (
    <fieldset>
      <legend>{t('catalog.designer.form.modeLegend')}</legend>
      <label for="f-earningMode">{t('catalog.designer.form.mode')}</label>{' '}
      <select id="f-earningMode" name="earningMode">
        {EARNING_MODES.map((m) => (
          <option value={m} selected={v.earningMode === m}>
            {t(`catalog.modes.${m}`)}
          </option>
        ))}
      </select>{' '}
      <label for="f-achievementType">{t('catalog.designer.form.achievementType')}</label>{' '}
      <select id="f-achievementType" name="achievementType">
        {ACHIEVEMENT_TYPES.map((type) => (
          <option value={type} selected={(v.achievementType ?? 'MicroCredential') === type}>
            {t(`catalog.achievementTypes.${type}`)}
          </option>
        ))}
      </select>
      <p class="hint">{t('catalog.designer.form.modeHint')}</p>
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
  const { t } = useT();
  return (
    <form method="post" action={action} class="stack wide" novalidate>
      <CsrfField token={csrfToken} />
      <ErrorSummary form={form} />
      <Field form={form} name="title" label={t('catalog.designer.form.title')} required />
      <TextArea
        form={form}
        name="competency"
        label={t('catalog.designer.form.competency')}
        hint={t('catalog.designer.form.competencyHint')}
        rows={2}
      />
      <TextArea form={form} name="description" label={t('catalog.designer.form.description')} rows={4} />
      <TextArea form={form} name="keyMethod" label={t('catalog.designer.form.keyMethod')} rows={2} />
      <TextArea form={form} name="criteria" label={t('catalog.designer.form.criteria')} rows={3} />
      <ModeSection form={form} />
      <EvidenceSection form={form} forModes={forModes} />
      <RubricSection form={form} forModes={forModes} />
      <TermsSection form={form} forModes={forModes} />
      <p>
        <button type="submit">{t('catalog.designer.form.save')}</button>
      </p>
    </form>
  );
}
