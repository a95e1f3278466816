import { TextArea, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { MessageValues, Translator } from '../../../web/i18n/i18n.ts';
import { translateMessage } from '../../../web/i18n/commandMessages.ts';
import { CredentialInputForm, issuerLine } from '../../issuing/index.ts';
import type { CheckDetail, CheckValues, QuotedText } from '../../../credentials/verifier.ts';
import {
  KNOWN_CHECKS,
  type KnownCheck,
  type RecipientFacts,
  type VerifyResultModel,
} from './verifyResult.ts';
import { en } from '../../../web/i18n/locales/en.ts';
import { textLang } from '../../../web/components/textLanguage.ts';

/** The language libraries write their errors in (a JSON-LD processor, a schema validator). */
const LIBRARY_LANGUAGE = 'en';

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

/** A check's title in the reader's words (its id when the page does not know it). */
const checkTitle = ({ t }: Translator, id: string) =>
  isKnown(id) ? t(`verification.checks.${id}.title`) : id;

/**
 * A check in the reader's words: its title, then what happened, worded by the verifier's code
 * (else what passing or failing that check means).
 */
function checkWords(i18n: Translator, check: VerifyResultModel['checks'][number]) {
  const { t } = i18n;
  const known = isKnown(check.id) ? check.id : null;
  const outcome = check.ok ? 'ok' : 'failed';
  const lead = isWorded(check.code)
    ? t(`verification.checkCodes.${check.code}`)
    : known
      ? t(`verification.checks.${known}.${outcome}`)
      : t(check.ok ? 'verification.checks.passed' : 'verification.checks.failed');
  return { title: checkTitle(i18n, check.id), lead };
}

/** What a detail says in the reader's words, and the text it quotes as it came (its nested details' too). */
interface Worded {
  text: string;
  quoted: QuotedText[];
}

/** A detail's values the reader's way: lists joined in the reader's language, dates as dates, checks by their titles. */
function valuesText(i18n: Translator, values: CheckValues, quoted: QuotedText[]): MessageValues {
  const list = (items: string[]) =>
    new Intl.ListFormat(i18n.locale, { type: 'conjunction', style: 'long' }).format(items);
  const out: MessageValues = { open: '{', close: '}' };
  for (const [name, value] of Object.entries(values) as [
    keyof CheckValues,
    CheckValues[keyof CheckValues],
  ][]) {
    if (value === undefined) continue;
    // The codes of an inner credential's failed checks: said as those checks' titles.
    if (name === 'codes' && values.checks) out[name] = list(values.checks.map((id) => checkTitle(i18n, id)));
    else if (Array.isArray(value)) out[name] = list(value);
    else if (name === 'date' && typeof value === 'string') out[name] = dateText(i18n, value);
    else if (typeof value === 'object') {
      const nested = detailWords(i18n, value);
      quoted.push(...nested.quoted);
      out[name] = nested.text;
    } else out[name] = value;
  }
  return out;
}

/** One detail of a check in the reader's words (catalogue verification.checkDetails). */
function detailWords(i18n: Translator, d: CheckDetail): Worded {
  const quoted: QuotedText[] = [];
  const text =
    d.key === 'reported'
      ? ''
      : i18n.t(`verification.checkDetails.${d.key}`, valuesText(i18n, d.values ?? {}, quoted));
  if (d.quoted) quoted.push(d.quoted);
  return { text, quoted };
}

/**
 * Text a check quotes as it came: the issuer's own words (language unknown) as a quotation; a
 * library's error in the reader's words when it is one of Cairn's catalogue messages, else kept
 * in English, marked so, under "Technical detail".
 */
function Quoted({ quoted }: { quoted: QuotedText }) {
  const i18n = useT();
  const { t, locale } = i18n;
  if (quoted.from === 'credential') return <> {t('verification.checks.issuerSays', { text: quoted.text })}</>;
  const translated = translateMessage(i18n, quoted.text);
  if (translated !== quoted.text || locale === LIBRARY_LANGUAGE) return <> {translated}</>;
  return (
    <details class="technical">
      <summary>{t('verification.checks.technicalDetail')}</summary>
      <span lang={textLang(LIBRARY_LANGUAGE, locale)}>{quoted.text}</span>
    </details>
  );
}

/** What the verifier says about a check, worded in the reader's language. */
/** A check's details after its lead; a detail that says just what the lead said is not said twice. */
function CheckDetails({ details, lead }: { details: CheckDetail[]; lead: string }) {
  const i18n = useT();
  const worded = details.map((d) => {
    const { text, quoted } = detailWords(i18n, d);
    const sentence = text ? i18n.t('verification.checks.sentence', { text }) : '';
    return { sentence: sentence === lead ? '' : sentence, quoted };
  });
  return (
    <>
      {worded.map(({ sentence, quoted }) => (
        <>
          {sentence && <> {sentence}</>}
          {quoted.map((q) => (
            <Quoted quoted={q} />
          ))}
        </>
      ))}
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
                    : row.issuer
                      ? issuerLine(row.issuer, i18n)
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
              <CheckDetails details={check.details} lead={words.lead} />
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
