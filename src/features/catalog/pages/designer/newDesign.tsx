import { CsrfField, ErrorSummary, Field, type FormState } from '../../../../web/forms.tsx';
import { useT } from '../../../../web/i18n/context.ts';

/** The first step of a micro-credential: a title and, optionally, its web address. */
export function NewDesignView({
  form,
  action,
  csrfToken,
}: {
  form: FormState;
  action: string;
  csrfToken: string;
}) {
  const { t } = useT();
  return (
    <section class="card">
      <h1>{t('catalog.designer.new.title')}</h1>
      <ErrorSummary form={form} />
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <Field form={form} name="title" label={t('catalog.designer.new.titleLabel')} required />
        <Field
          form={form}
          name="slug"
          label={t('catalog.designer.new.slug')}
          hint={t('catalog.designer.new.slugHint')}
        />
        <button type="submit">{t('catalog.designer.new.submit')}</button>
      </form>
    </section>
  );
}
