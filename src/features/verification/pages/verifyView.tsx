import { TextArea, type FormState } from '../../../web/forms.tsx';
import { CredentialInputForm } from '../../issuing/index.ts';
import type { VerifyResultModel } from './verifyResult.ts';

function Result({ result }: { result: VerifyResultModel }) {
  return (
    <section class="card" aria-labelledby="h-result">
      <h2 id="h-result">Result</h2>
      <p role="status">
        <span class={result.verified ? 'chip ok' : 'chip bad'}>{result.verdict}</span>{' '}
        {result.verified ? 'Every check passed.' : 'At least one check failed; see below.'} Read from{' '}
        {result.readFrom}.
      </p>
      {result.genericVc && (
        <p data-kind="generic-vc">
          Verifiable credential (not an Open Badge): it was checked as a W3C Verifiable Credential; the Open
          Badges checks do not apply to it.
        </p>
      )}
      {result.summary.length > 0 && (
        <dl class="summary">
          {result.summary.map((row) => (
            <>
              <dt>{row.label}</dt>
              <dd>{row.text}</dd>
            </>
          ))}
        </dl>
      )}
      <ul class="checks">
        {result.checks.map((check) => (
          <li data-check={check.id} data-ok={String(check.ok)}>
            <strong>
              {check.ok ? '✓' : '✗'} {check.title}:
            </strong>{' '}
            {check.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

function IssuerKeyFields({ form }: { form: FormState }) {
  return (
    <details>
      <summary>Open Badges 2.0 signed badge: add the issuer’s key document</summary>
      <p class="hint">
        A signed Open Badges 2.0 badge names its issuer’s key by URL. Paste or upload that key document (the
        CryptographicKey, or the issuer profile with its public key) to check the signature without fetching
        it.
      </p>
      <TextArea form={form} name="issuerKey" label="Issuer key document (JSON)" rows={4} />
      <div class="field">
        <label for="f-issuerKeyFile">Or upload the issuer key document</label>
        <input id="f-issuerKeyFile" name="issuerKeyFile" type="file" accept=".json,application/json" />
      </div>
    </details>
  );
}

/** /verify: the form, and the result of the last verification when there is one. */
export function VerifyView({
  form,
  csrf,
  result,
}: {
  form: FormState;
  csrf: string;
  result: VerifyResultModel | null;
}) {
  return (
    <>
      <h1>Verify a badge</h1>
      <p>
        Check any Open Badge (3.0 or 2.0) or W3C Verifiable Credential, from this site or any other issuer:
        paste it, upload the baked image, or give its address. Every check is explained.
      </p>
      {result && <Result result={result} />}
      <section class="card">
        <CredentialInputForm
          form={form}
          csrf={csrf}
          action="/verify"
          fileLabel="Or upload a badge image (PNG or SVG) or credential file"
          urlLabel="Or give its address (URL)"
          urlHint="A badge page of this site, or an https address of a hosted credential."
          submitLabel="Verify"
        >
          <IssuerKeyFields form={form} />
        </CredentialInputForm>
      </section>
    </>
  );
}
