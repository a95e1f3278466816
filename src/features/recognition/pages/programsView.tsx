import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  TextArea,
  SelectField,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { recognition } from '../../../web/i18n/locales/en/recognition.ts';
import { recognitionPaths } from '../paths.ts';
import type { ProgramModel, ProgramsModel } from './programsLoader.ts';

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
  const { t } = useT();
  const f = (key: keyof (typeof recognition)['programs']['form']) => t(`recognition.programs.form.${key}`);
  return (
    <form method="post" action={action} class="stack" novalidate>
      <CsrfField token={csrfToken} />
      <ErrorSummary form={form} />
      <Field form={form} name="name" label={f('name')} hint={f('nameHint')} required />
      <Field form={form} name="licenseName" label={f('licenseName')} hint={f('licenseNameHint')} required />
      <TextArea form={form} name="description" label={f('description')} rows={2} />
      <Field form={form} name="cycleYears" label={f('cycleYears')} value="5" />
      <Field form={form} name="hoursRequired" label={f('hoursRequired')} />
      <SelectField
        form={form}
        name="unitRule"
        label={f('unitRule')}
        options={[
          ['fixed', f('unitFixed')],
          ['credit_hours', f('unitCreditHours')],
        ]}
        value="fixed"
      />
      <Field form={form} name="fixedHours" label={f('fixedHours')} hint={f('fixedHoursHint')} />
      <Field form={form} name="capHoursPerCycle" label={f('cap')} hint={f('capHint')} />
      <SelectField
        form={form}
        name="posting"
        label={f('posting')}
        options={[
          ['automatic', f('postingAutomatic')],
          ['review', f('postingReview')],
        ]}
        value="automatic"
      />
      <label>
        <input type="checkbox" name="digestEmail" checked={form.values.digestEmail === 'on'} /> {f('digest')}
      </label>
      <p>
        <button type="submit">{submitLabel}</button>
      </p>
    </form>
  );
}

function ProgramsTable({ programs, slug }: { programs: ProgramsModel['programs']; slug: string }) {
  const { t, number } = useT();
  if (programs.length === 0) return <p class="muted">{t('recognition.programs.empty')}</p>;
  const c = (key: 'program' | 'credential' | 'cycle' | 'unitRule' | 'approved') =>
    t(`recognition.programs.columns.${key}`);
  return (
    <table>
      <TableHead columns={[c('program'), c('credential'), c('cycle'), c('unitRule'), c('approved')]} />
      <tbody>
        {programs.map((p) => (
          <tr>
            <td>
              <a href={recognitionPaths.program(slug, p.public_id)}>{p.name}</a>
              {p.archived_at && ` ${t('recognition.programs.archived')}`}
            </td>
            <td>{p.license_name}</td>
            <td>
              {t('recognition.programs.cycle', {
                years: p.cycle_years,
                hours: number(Number(p.hours_required)),
              })}
            </td>
            <td>
              {p.unit_rule === 'fixed'
                ? t('recognition.programs.perFixed', { hours: number(Number(p.fixed_hours)) })
                : t('recognition.programs.perCreditHours')}
              {p.cap_hours_per_cycle !== null &&
                t('recognition.programs.cap', { hours: number(Number(p.cap_hours_per_cycle)) })}
            </td>
            <td>{number(Number(p.approved))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProgramsView(m: ProgramsModel) {
  const { t } = useT();
  const slug = m.organisation.slug;
  return (
    <>
      <h1>{t('recognition.programs.heading', { organisation: m.organisation.name })}</h1>
      <p>
        <a href={recognitionPaths.queue(slug)}>{t('recognition.programs.queueLink')}</a>
      </p>
      <ProgramsTable programs={m.programs} slug={slug} />
      {m.canManage && (
        <section class="card">
          <h2>{t('recognition.programs.newProgram')}</h2>
          <ProgramForm
            csrfToken={m.csrfToken}
            form={m.form}
            action={recognitionPaths.programs(slug)}
            submitLabel={t('recognition.programs.create')}
          />
        </section>
      )}
    </>
  );
}

export function ProgramView({ slug, program, form, csrfToken }: ProgramModel) {
  const { t, date } = useT();
  return (
    <>
      <p class="muted">
        <a href={recognitionPaths.programs(slug)}>{t('recognition.programs.title')}</a>
      </p>
      <h1>{t('recognition.programs.edit', { name: program.name })}</h1>
      {program.archived_at && (
        <p class="flash info">{t('recognition.programs.archivedOn', { date: date(program.archived_at) })}</p>
      )}
      <ProgramForm
        csrfToken={csrfToken}
        form={form}
        action={recognitionPaths.program(slug, program.public_id)}
        submitLabel={t('recognition.programs.save')}
      />
      {!program.archived_at && (
        <ActionButton
          action={recognitionPaths.archiveProgram(slug, program.public_id)}
          csrfToken={csrfToken}
          label={t('recognition.programs.archive')}
          variant="danger"
        />
      )}
    </>
  );
}
