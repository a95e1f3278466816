import type { Design } from '../microCredential.ts';
import { minorDigits } from '../../../domain/money.ts';
import { useT } from '../../../web/i18n/context.ts';
import { useTextLang } from '../../../web/components/textLanguage.ts';
import { shownLanguages, type ShownLanguages } from '../languageEditions.ts';

/** The rubric as a table: a row per criterion, a column per level, the passing level marked. */
function RubricTable({ rubric }: { rubric: NonNullable<Design['rubric']> }) {
  const { t } = useT();
  return (
    <section class="card">
      <h2>{t('catalog.body.rubric')}</h2>
      <table class="stacking">
        <thead>
          <tr>
            <th scope="col">{t('catalog.body.criterion')}</th>
            {rubric.levels.map((l) => (
              <th scope="col">{l.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rubric.criteria.map((cr) => (
            <tr>
              <th scope="row">{cr.name}</th>
              {rubric.levels.map((l) => (
                <td data-label={l.name}>
                  {cr.descriptors[l.id]}
                  {cr.passingLevel === l.id && <span class="tag">{t('catalog.body.passingLevel')}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        {rubric.passRule.type === 'all'
          ? t('catalog.body.passAll')
          : t('catalog.body.passMinimum', { count: rubric.passRule.count })}
      </p>
    </section>
  );
}

/** The facts of a version: how it is earned, effort, credit, terms, fee. */
function Facts({ d, version }: { d: Design; version: number }) {
  const { t, number } = useT();
  const hours = (n: number | undefined) => (n === undefined ? '—' : t('catalog.hours', { hours: number(n) }));
  const fee = (cents: number, currency: string) =>
    number(cents / 10 ** minorDigits(currency), { style: 'currency', currency, currencyDisplay: 'code' });
  return (
    <dl>
      <dt>{t('catalog.body.howEarned')}</dt>
      <dd>{t(`catalog.modes.${d.earningMode}`)}</dd>
      <dt>{t('catalog.body.effort')}</dt>
      <dd>{hours(d.effortHours)}</dd>
      <dt>{t('catalog.body.creditHours')}</dt>
      <dd>{number(d.creditHours ?? 0)}</dd>
      <dt>{t('catalog.body.window')}</dt>
      <dd>{t('catalog.body.months', { count: d.applicationWindowMonths })}</dd>
      <dt>{t('catalog.body.validFor')}</dt>
      <dd>
        {d.validityMonths
          ? t('catalog.body.months', { count: d.validityMonths })
          : t('catalog.body.noExpiry')}
      </dd>
      {d.applicationFeeCents !== undefined && (
        <>
          <dt>{t('catalog.body.fee')}</dt>
          <dd>{fee(d.applicationFeeCents, d.applicationFeeCurrency)}</dd>
        </>
      )}
      <dt>{t('catalog.body.version')}</dt>
      <dd>{number(version)}</dd>
    </dl>
  );
}

function EvidenceParts({ parts }: { parts: Design['evidenceParts'] }) {
  const { t } = useT();
  return (
    <section class="card">
      <h2>{t('catalog.body.evidence')}</h2>
      <ol>
        {parts.map((p) => (
          <li>
            {p.prompt} <span class="tag">{t(`catalog.body.kinds.${p.kind}`)}</span>
            {p.required ? '' : <span class="tag">{t('catalog.body.optional')}</span>}
            {p.maxWords ? (
              <span class="muted"> {t('catalog.body.upToWords', { count: p.maxWords })}</span>
            ) : (
              ''
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Everything an earner reads about a micro-credential version: the catalog page and the designer's
 * preview. The issuer's words are marked with their language where it is not the page's:
 * `languages` says which they are (the Spanish edition's, when `d` shows it), else the design's own.
 */
export function MicroCredentialBody({
  d,
  version,
  languages = shownLanguages(d),
}: {
  d: Design;
  version: number;
  languages?: ShownLanguages;
}) {
  const { t } = useT();
  const wordsLang = useTextLang(languages.words);
  return (
    <>
      <section class="card">
        <p lang={wordsLang}>
          <strong>{d.competency}</strong>
        </p>
        <p lang={wordsLang}>{d.description}</p>
        <Facts d={d} version={version} />
      </section>
      {d.keyMethod && (
        <section class="card">
          <h2>{t('catalog.body.keyMethod')}</h2>
          <p>{d.keyMethod}</p>
        </section>
      )}
      <section class="card">
        <h2>{t('catalog.body.criteria')}</h2>
        <p lang={useTextLang(languages.criteria)}>{d.criteria}</p>
      </section>
      {d.evidenceParts.length > 0 && <EvidenceParts parts={d.evidenceParts} />}
      {d.rubric && <RubricTable rubric={d.rubric} />}
      {d.alignments.length > 0 && (
        <section class="card">
          <h2>{t('catalog.body.alignedTo')}</h2>
          <ul>
            {d.alignments.map((a) => (
              <li>
                <a href={a.url}>{a.name}</a> {a.code && <span class="tag">{a.code}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
