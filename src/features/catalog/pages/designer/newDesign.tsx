import { CsrfField, ErrorSummary, Field, type FormState } from '../../../../web/forms.tsx';

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
  return (
    <section class="card">
      <h1>New micro-credential</h1>
      <ErrorSummary form={form} />
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <Field form={form} name="title" label="Title" required />
        <Field form={form} name="slug" label="Web address (optional)" hint="Made from the title if empty." />
        <button type="submit">Create draft</button>
      </form>
    </section>
  );
}
