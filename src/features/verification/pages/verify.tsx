import { Hono, type Context } from 'hono';
import {
  explainCheck,
  verdictOf,
  verifySubmission,
  type SubmissionFormat,
} from '../commands/readSubmission.ts';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import type { AppEnv } from '../../../http/env.ts';
import { CredentialInputForm } from '../../issuing/index.ts';
import { emptyForm, TextArea, type FormState } from '../../../web/forms.tsx';
import { handleForm, page } from '../../../web/render.tsx';
import { issuerIdentity, issuerLine } from '../../issuing/index.ts';

type C = Context<AppEnv>;
type Json = Record<string, unknown>;

const FORMAT_WORDS: Record<SubmissionFormat, string> = {
  json: 'pasted JSON',
  jws: 'a compact JWS (VC-JWT)',
  png: 'a baked PNG image',
  svg: 'a baked SVG image',
  url: 'a URL',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const nameOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v && typeof v === 'object' ? str((v as Json).name) : undefined;

/** Who the credential is about, and whether a name is bound by it or only shown elsewhere. */
function recipientLine(subject: Json | undefined): string | undefined {
  if (!subject) return undefined;
  const name = str(subject.name);
  const who =
    str(subject.id) ??
    (subject.identifier ? 'identified by a hashed identifier (such as an email address)' : undefined);
  if (name) return `${name}, named in the signed credential${who ? `; ${who}` : ''}`;
  return who
    ? `${who}. The credential names no one: a name shown beside the badge (for example on its badge page) comes from that site, not from the signed credential.`
    : undefined;
}

/** What the credential says, in a few lines: achievement, issuer (with its verified identifier), recipient, dates. */
function Summary({ credential, issuer: issuerText }: { credential: Json; issuer?: string }) {
  const subject = (
    Array.isArray(credential.credentialSubject)
      ? credential.credentialSubject[0]
      : credential.credentialSubject
  ) as Json | undefined;
  const achievement = (subject?.achievement ?? (credential.badge as Json | undefined)) as Json | undefined;
  const issuer = credential.issuer ?? (achievement?.issuer as unknown);
  const rows: [string, string | undefined][] = [
    ['Achievement', nameOf(achievement) ?? str(credential.name)],
    [
      'Issuer',
      issuerText ??
        nameOf(issuer) ??
        (typeof issuer === 'object' && issuer ? str((issuer as Json).id) : str(issuer)),
    ],
    ['Recipient', recipientLine(subject)],
    ['Valid from', str(credential.validFrom) ?? str(credential.issuanceDate) ?? str(credential.issuedOn)],
    ['Valid until', str(credential.validUntil) ?? str(credential.expirationDate) ?? str(credential.expires)],
    ['Credential id', str(credential.id)],
  ];
  return (
    <dl class="summary">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
    </dl>
  );
}

function Result({
  report,
  format,
  publicUrl,
}: {
  report: VerificationReport;
  format: SubmissionFormat;
  publicUrl: string;
}) {
  const verdict = verdictOf(report);
  const issuer = issuerIdentity(report, publicUrl);
  return (
    <section class="card" aria-labelledby="h-result">
      <h2 id="h-result">Result</h2>
      <p role="status">
        <span class="tag" style={report.verified ? 'background:#e8f5ec' : 'background:#fbeaea'}>
          {verdict}
        </span>{' '}
        {report.verified ? 'Every check passed.' : 'At least one check failed; see below.'} Read from{' '}
        {FORMAT_WORDS[format]}
        {report.format === 'ob2'
          ? ' (Open Badges 2.0)'
          : report.format === 'jwt'
            ? ' (VC-JWT)'
            : report.format === 'ldp'
              ? ' (Data Integrity proof)'
              : ''}
        .
      </p>
      {report.profiles?.some((p) => !p.claimed) && (
        <p data-kind="generic-vc">
          Verifiable credential (not an Open Badge): it was checked as a W3C Verifiable Credential; the Open
          Badges checks do not apply to it.
        </p>
      )}
      {report.credential && (
        <Summary credential={report.credential} issuer={issuer ? issuerLine(issuer) : undefined} />
      )}
      <ul class="checks">
        {report.checks.map((check) => {
          const words = explainCheck(check);
          return (
            <li data-check={check.id} data-ok={String(check.ok)}>
              <strong>
                {check.ok ? '✓' : '✗'} {words.title}:
              </strong>{' '}
              {words.text}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function verifyPage(
  c: C,
  form: FormState = emptyForm,
  result?: { report: VerificationReport; format: SubmissionFormat },
  status: 200 | 422 = 200,
) {
  return page(
    c,
    'Verify a badge',
    <>
      <h1>Verify a badge</h1>
      <p>
        Check any Open Badge (3.0 or 2.0) or W3C Verifiable Credential, from this site or any other issuer:
        paste it, upload the baked image, or give its address. Every check is explained.
      </p>
      {result && (
        <Result report={result.report} format={result.format} publicUrl={c.var.deps.config.publicUrl} />
      )}
      <section class="card">
        <CredentialInputForm
          form={form}
          csrf={c.var.csrfToken}
          action="/verify"
          fileLabel="Or upload a badge image (PNG or SVG) or credential file"
          urlLabel="Or give its address (URL)"
          urlHint="A badge page of this site, or an https address of a hosted credential."
          submitLabel="Verify"
        >
          <details>
            <summary>Open Badges 2.0 signed badge: add the issuer’s key document</summary>
            <p class="hint">
              A signed Open Badges 2.0 badge names its issuer’s key by URL. Paste or upload that key document
              (the CryptographicKey, or the issuer profile with its public key) to check the signature without
              fetching it.
            </p>
            <TextArea form={form} name="issuerKey" label="Issuer key document (JSON)" rows={4} />
            <div class="field">
              <label for="f-issuerKeyFile">Or upload the issuer key document</label>
              <input id="f-issuerKeyFile" name="issuerKeyFile" type="file" accept=".json,application/json" />
            </div>
          </details>
        </CredentialInputForm>
      </section>
    </>,
    status,
  );
}

/** /verify: anyone checks a badge by pasting it, uploading its baked image or giving its URL. */
export function verifyRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/verify', async (c) => {
    const url = c.req.query('url');
    if (!url) return verifyPage(c);
    // A link such as a QR code's: verify the address straight away.
    return handleForm(
      c,
      { url },
      async () => {
        const { db, config, credentials, clock } = c.var.deps;
        const { read, report } = await verifySubmission(
          { db, config, services: credentials, now: clock.now() },
          { url },
        );
        return verifyPage(c, { values: { url }, errors: {} }, { report, format: read.format });
      },
      (form, status) => verifyPage(c, form, undefined, status as 422),
    );
  });
  r.post('/verify', async (c) => {
    const body = await c.req.parseBody();
    const text = typeof body.text === 'string' ? body.text : '';
    const url = typeof body.url === 'string' ? body.url : '';
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    const keyFile =
      body.issuerKeyFile instanceof File &&
      body.issuerKeyFile.size > 0 &&
      body.issuerKeyFile.size <= 256 * 1024
        ? body.issuerKeyFile
        : null;
    const issuerKey = keyFile
      ? await keyFile.text()
      : typeof body.issuerKey === 'string'
        ? body.issuerKey
        : '';
    return handleForm(
      c,
      { text: text.length > 20000 ? '' : text, url, issuerKey: issuerKey.length > 20000 ? '' : issuerKey },
      async () => {
        const { db, config, credentials, clock } = c.var.deps;
        const { read, report } = await verifySubmission(
          { db, config, services: credentials, now: clock.now() },
          {
            text,
            url,
            file: file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined,
            issuerKey,
          },
        );
        return verifyPage(c, emptyForm, { report, format: read.format });
      },
      (form, status) => verifyPage(c, form, undefined, status as 422),
    );
  });
  return r;
}
