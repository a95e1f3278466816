import { useT } from '../../../web/i18n/context.ts';
import { CsrfField, ErrorSummary, Field, TextArea, type FormState } from '../../../web/forms.tsx';

/** What differs between the pages that take a credential: where it posts and the words (the caller's, translated). */
export interface CredentialInputProps {
  form: FormState;
  csrf: string;
  action: string;
  fileLabel: string;
  urlLabel: string;
  urlHint: string;
  submitLabel: string;
  /** More fields, before the button (the issuer key document on /verify). */
  children?: unknown;
}

/**
 * The "paste JSON/JWS, upload a file, or give a URL" form (fields text, file, url), shared by
 * /verify and the backpack import; commands/verifySubmission.ts readSubmission reads what it posts.
 */
export function CredentialInputForm({
  form,
  csrf,
  action,
  fileLabel,
  urlLabel,
  urlHint,
  submitLabel,
  children,
}: CredentialInputProps) {
  const { t } = useT();
  return (
    <>
      <ErrorSummary form={form} />
      <form method="post" action={action} enctype="multipart/form-data" class="stack" novalidate>
        <CsrfField token={csrf} />
        <TextArea form={form} name="text" label={t('issuing.input.paste')} rows={6} />
        <div class="field">
          <label for="f-file">{fileLabel}</label>
          {form.errors.file && (
            <span id="f-file-error" class="error-text">
              {form.errors.file}
            </span>
          )}
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".png,.svg,.json,.jwt,.jws,image/png,image/svg+xml,application/json"
            aria-invalid={form.errors.file ? 'true' : undefined}
            aria-describedby={form.errors.file ? 'f-file-error' : undefined}
          />
        </div>
        <Field form={form} name="url" type="url" label={urlLabel} hint={urlHint} />
        {children}
        <button type="submit">{submitLabel}</button>
      </form>
    </>
  );
}
