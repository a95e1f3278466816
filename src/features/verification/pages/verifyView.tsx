import { TextArea, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { CredentialInputForm } from '../../issuing/index.ts';
import {
  KNOWN_CHECKS,
  type KnownCheck,
  type RecipientFacts,
  type VerifyResultModel,
} from './verifyResult.ts';
import { en } from '../../../web/i18n/locales/en.ts';
import { textLang } from '../../../web/components/textLanguage.ts';

/** The language the verifier writes its technical notes in. */
const VERIFIER_LANGUAGE = 'en';

const isKnown = (id: string): id is KnownCheck => (KNOWN_CHECKS as readonly string[]).includes(id);
const CHECK_CODES = Object.keys(en.verification.checkCodes);
type CheckCode = keyof typeof en.verification.checkCodes;
const isWorded = (code: string | null): code is CheckCode => !!code && CHECK_CODES.includes(code);

/** A date written in the credential, the reader's way when it is one; as written otherwise. */
function dateText(i18n: Translator, text: string): string {
  const at = Date.parse(text);
  return Number.isNaN(at) ? text : i18n.date(new Date(at), { withTime: !/T00:00(:00)?(\.0+)?Z$/.test(text) });
}

function recipientText({ t }: Translator, r: RecipientFacts): string {
  const who = r.id ?? (r.hashed ? t('verification.recipient.hashed') : null);
  if (r.name)
    return who
      ? t('verification.recipient.namedWithId', { name: r.name, who })
      : t('verification.recipient.named', { name: r.name });
  return t('verification.recipient.unnamed', { who: who ?? '' });
}

/**
 * A check in the reader's words: its title, then what happened, worded by the verifier's code
 * (else what passing or failing that check means); the verifier's technical note is shown apart.
 */
function checkWords({ t }: Translator, check: VerifyResultModel['checks'][number]) {
  const known = isKnown(check.id) ? check.id : null;
  const title = known ? t(`verification.checks.${known}.title`) : check.id;
  const outcome = check.ok ? 'ok' : 'failed';
  const lead = isWorded(check.code)
    ? t(`verification.checkCodes.${check.code}`)
    : known
      ? t(`verification.checks.${known}.${outcome}`)
      : t(check.ok ? 'verification.checks.passed' : 'verification.checks.failed');
  return { title, lead };
}

/** The verifier's technical note on a check, labelled in the reader's words; the note itself is English, marked so. */
function VerifierNote({ note }: { note: string }) {
  const { t, locale } = useT();
  const lang = textLang(VERIFIER_LANGUAGE, locale);
  return (
    <>
      {' '}
      {t('verification.checks.detailLabel')} {lang ? <span lang={lang}>{note}</span> : note}
    </>
  );
}

function Result({ result }: { result: VerifyResultModel }) {
  const i18n = useT();
  const { t } = i18n;
  const source = t(`verification.formats.${result.readFrom.format}`);
  const proof = result.readFrom.proof;
  return (
    <section class="card" aria-labelledby="h-result">
      <h2 id="h-result">{t('verification.result.heading')}</h2>
      <p role="status">
        <span class={result.verified ? 'chip ok' : 'chip bad'}>
          {t(`verification.verdict.${result.verdict}`)}
        </span>{' '}
        {result.verified ? t('verification.result.passed') : t('verification.result.failed')}{' '}
        {proof
          ? t('verification.result.readFromWithProof', { source, proof: t(`verification.proofs.${proof}`) })
          : t('verification.result.readFrom', { source })}
      </p>
      {result.genericVc && <p data-kind="generic-vc">{t('verification.result.genericVc')}</p>}
      {result.summary.length > 0 && (
        <dl class="summary">
          {result.summary.map((row) => (
            <>
              <dt>{t(`verification.summary.${row.field}`)}</dt>
              <dd lang={row.field === 'recipient' ? undefined : textLang(row.lang, i18n.locale)}>
                {row.field === 'recipient'
                  ? recipientText(i18n, row.recipient)
                  : row.field === 'validFrom' || row.field === 'validUntil'
                    ? dateText(i18n, row.text)
                    : row.text}
              </dd>
            </>
          ))}
        </dl>
      )}
      <ul class="checks">
        {result.checks.map((check) => {
          const words = checkWords(i18n, check);
          return (
            <li data-check={check.id} data-ok={String(check.ok)}>
              <strong>
                {check.ok ? '✓' : '✗'} {words.title}:
              </strong>{' '}
              {words.lead}
              {check.message && <VerifierNote note={check.message} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function IssuerKeyFields({ form }: { form: FormState }) {
  const { t } = useT();
  return (
    <details>
      <summary>{t('verification.form.issuerKeySummary')}</summary>
      <p class="hint">{t('verification.form.issuerKeyHint')}</p>
      <TextArea form={form} name="issuerKey" label={t('verification.form.issuerKey')} rows={4} />
      <div class="field">
        <label for="f-issuerKeyFile">{t('verification.form.issuerKeyFile')}</label>
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
  const { t } = useT();
  return (
    <>
      <h1>{t('verification.title')}</h1>
      <p>{t('verification.intro')}</p>
      {result && <Result result={result} />}
      <section class="card">
        <CredentialInputForm
          form={form}
          csrf={csrf}
          action="/verify"
          fileLabel={t('verification.form.file')}
          urlLabel={t('verification.form.url')}
          urlHint={t('verification.form.urlHint')}
          submitLabel={t('verification.form.submit')}
        >
          <IssuerKeyFields form={form} />
        </CredentialInputForm>
      </section>
    </>
  );
}
