import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../http/middleware/csrf.ts';
import { useT } from './i18n/context.ts';

/** Hidden CSRF token; every form that posts includes it. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** What a form shows again after a failed submit: the values typed and the errors per field. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
}

export const emptyForm: FormState = { values: {}, errors: {} };

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url';
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  value?: string;
}

/** The label, hint and error of a field, and the ids its control points at (for screen readers). */
function fieldParts(form: FormState, name: string, hint: string | undefined) {
  const id = `f-${name}`;
  const error = form.errors[name];
  const described =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return {
    id,
    error,
    aria: { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': described },
  };
}

/** The frame every field shares: its label, then its hint, then its error, then the control. */
function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: Child;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} class="error-text">
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

/** A labelled input with its hint and its error next to it, wired for screen readers. */
export function Field({ form, name, label, type = 'text', hint, autocomplete, required, value }: FieldProps) {
  const { id, error, aria } = fieldParts(form, name, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : (form.values[name] ?? value ?? '')}
        autocomplete={autocomplete}
        required={required}
        {...aria}
      />
    </FieldFrame>
  );
}

/** A labelled textarea, like Field; what was typed (or `value`) is shown again. */
export function TextArea({
  form,
  name,
  label,
  hint,
  rows = 3,
  value,
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  rows?: number;
  value?: string;
}) {
  const { id, error, aria } = fieldParts(form, name, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} name={name} rows={rows} {...aria}>
        {form.values[name] ?? value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** A labelled select of [value, text] options, like Field; the submitted (or `value`) option is chosen. */
export function SelectField({
  form,
  name,
  label,
  options,
  value,
  hint,
}: {
  form: FormState;
  name: string;
  label: string;
  options: Array<[string, string]>;
  value?: string;
  hint?: string;
}) {
  const { id, error, aria } = fieldParts(form, name, hint);
  const chosen = form.values[name] ?? value ?? '';
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select id={id} name={name} {...aria}>
        {options.map(([v, text]) => (
          <option value={v} selected={v === chosen}>
            {text}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** The summary at the top of a form that failed, linking to each field in error. */
export function ErrorSummary({ form }: { form: FormState }) {
  const { t } = useT();
  const entries = Object.entries(form.errors).filter(([k]) => k !== '_');
  if (!form.message && entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>
        <strong>{form.message ?? t('components.form.needAttention')}</strong>
      </p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([k, v]) => (
            <li>
              <a href={`#f-${k}`}>{v}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A one-button form (delete, revoke, accept). */
export function ActionButton(props: {
  action: string;
  csrfToken: string;
  label: string;
  variant?: 'danger' | 'secondary';
  hidden?: Record<string, string>;
  children?: Child;
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField token={props.csrfToken} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={props.variant}>
        {props.label}
      </button>
    </form>
  );
}

/** The header row of a data table: one column header (scope="col") per entry. */
export function TableHead({ columns }: { columns: Child[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col">{column}</th>
        ))}
      </tr>
    </thead>
  );
}
