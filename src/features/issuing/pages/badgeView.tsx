import { RecognitionPanel } from '../../recognition/index.ts';
import { PageScriptTag } from '../../../web/pageScripts.tsx';
import { CopyButton } from '../../../web/components/CopyButton.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { useTextLang } from '../../../web/components/textLanguage.ts';
import { identifierWords } from './issuerIdentity.ts';
import { issuingPaths } from '../paths.ts';
import type { BadgeViewModel, PrivateBadgeModel, VerdictKey } from './badgeLoader.ts';
import { shareTexts } from './badgeShare.ts';

// The public badge page as a pure view of its model (badgeLoader.ts loads it, badgePage.tsx keeps
// the rendered HTML per language). What the issuer wrote (names, descriptions) is shown as data.

/** The chip's tone for each verdict (the word is always shown too, never colour alone). */
const VERDICT_TONE: Record<VerdictKey, 'ok' | 'warn' | 'bad'> = {
  valid: 'ok',
  expired: 'warn',
  suspended: 'warn',
  revoked: 'bad',
  failed: 'bad',
};

/** A verification verdict as a coloured chip with its word: "Valid", "Revoked". */
export function VerdictChip({ verdict }: { verdict: VerdictKey }) {
  const { t } = useT();
  return <span class={`chip ${VERDICT_TONE[verdict]}`}>{t(`verification.verdict.${verdict}`)}</span>;
}

/** The page's <head> additions: Open Graph, oEmbed discovery and the copy script. */
export function BadgeHead({ model: m }: { model: BadgeViewModel }) {
  return (
    <>
      <meta property="og:type" content="website" />
      <meta property="og:title" content={`${m.name} — ${m.orgName}`} />
      <meta property="og:description" content={m.description.slice(0, 200)} />
      <meta property="og:image" content={`${m.url}/baked.png`} />
      <meta property="og:url" content={m.url} />
      <meta name="twitter:card" content="summary" />
      <link
        rel="alternate"
        type="application/json+oembed"
        href={`${m.publicUrl}/oembed?url=${encodeURIComponent(m.url)}`}
      />
      <PageScriptTag name="copy.js" />
    </>
  );
}

/** Who issued it, when, and until when. */
function IssuedLine({ model: m }: { model: BadgeViewModel }) {
  const i18n = useT();
  const { t, date } = i18n;
  return (
    <p>
      {t('issuing.badge.issuedBy')} <strong>{m.orgName}</strong>
      {m.issuer ? <span class="issuer-id"> ({identifierWords(m.issuer, i18n).join(', ')})</span> : ''}{' '}
      {t('issuing.badge.issuedOn', { date: date(m.issued) })}
      {m.validUntil ? t('issuing.badge.validUntil', { date: date(m.validUntil) }) : ''}.
    </p>
  );
}

function VerificationSection({ model: m }: { model: BadgeViewModel }) {
  const { t, date } = useT();
  return (
    <section class="card" aria-labelledby="h-verify">
      <h2 id="h-verify">{t('issuing.badge.verification')}</h2>
      <p role="status">
        <VerdictChip verdict={m.verdict} />{' '}
        {m.verified
          ? t('issuing.badge.allChecked')
          : m.failed
              .map((x) => x.message)
              .filter(Boolean)
              .join(' ')}
      </p>
      {m.statusEvent && (
        <p class="status-reason">
          {t('issuing.badge.statusOn', {
            verdict: t(`verification.verdict.${m.verdict}`),
            date: date(m.statusEvent.created_at),
          })}
          {m.statusEvent.reason ? `: ${m.statusEvent.reason}` : '.'}
        </p>
      )}
      <p>
        <a href={`/verify?url=${encodeURIComponent(m.url)}`}>{t('issuing.badge.checkAll')}</a>
      </p>
    </section>
  );
}

export function BadgeBody({ model: m }: { model: BadgeViewModel }) {
  const { t } = useT();
  const wordsLang = useTextLang(m.languages.words);
  const criteriaLang = useTextLang(m.languages.criteria);
  return (
    <>
      <img
        src={issuingPaths.badgeBakedPng(m.publicId)}
        alt={t('issuing.badge.image', { name: m.name })}
        width="160"
        height="160"
        class="float-end"
      />
      <h1 lang={wordsLang}>{m.name}</h1>
      {m.holder && (
        <p class="issued-to">
          {t('issuing.badge.issuedTo')} <strong>{m.holder.name}</strong>
          <span class="muted"> — {t(`issuing.badge.binding.${m.holder.binding}`)}</span>
        </p>
      )}
      {m.private && (
        <p class="flash info" role="status">
          {t('issuing.badge.yourPrivate')} <a href="/backpack">{t('issuing.badge.backpack')}</a>.
        </p>
      )}
      <IssuedLine model={m} />
      <VerificationSection model={m} />
      {m.recognition && <RecognitionPanel data={m.recognition} />}
      <section class="card">
        <h2>{t('issuing.badge.certifies')}</h2>
        <p lang={wordsLang}>{m.description}</p>
        {m.criteria ? (
          <p>
            {t('issuing.badge.criteriaLabel')} <span lang={criteriaLang}>{m.criteria}</span>
          </p>
        ) : null}
      </section>
      <ShareSection model={m} />
    </>
  );
}

/** A labelled, read-only text to copy, with its Copy button (shown by copy.js). */
function CopyText({ id, label, value, rows }: { id: string; label: string; value: string; rows?: number }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {rows ? (
        <textarea id={id} rows={rows} readonly>
          {value}
        </textarea>
      ) : (
        <input id={id} type="text" value={value} readonly />
      )}
      <CopyButton from={id} label={label} />
    </div>
  );
}

/** Ways to share the badge and download it (the credential, the baked images, the QR code). */
function ShareSection({ model: m }: { model: BadgeViewModel }) {
  const i18n = useT();
  const { t } = i18n;
  const { linkedIn, share, embed, signature } = shareTexts(m, i18n);
  const id = m.publicId;
  return (
    <section class="card">
      <h2>{t('issuing.badge.share.heading')}</h2>
      <p>
        <a class="button" href={linkedIn}>
          {t('issuing.badge.share.addToLinkedIn')}
        </a>{' '}
        <a href={share.linkedin}>LinkedIn</a> · <a href={share.facebook}>Facebook</a> ·{' '}
        <a href={share.x}>X</a> · <a href={share.email}>{t('issuing.badge.share.email')}</a>
      </p>
      <CopyText id="page-link" label={t('issuing.badge.share.pageLink')} value={m.url} />
      <CopyText id="embed" label={t('issuing.badge.share.embed')} value={embed} rows={3} />
      <CopyText id="signature" label={t('issuing.badge.share.signature')} value={signature} rows={3} />
      <figure class="qr">
        <img src={issuingPaths.badgeQr(id)} alt={t('issuing.badge.share.qrAlt')} width="132" height="132" />
        <figcaption>
          {t('issuing.badge.share.qrCaption')} (
          <a href={issuingPaths.badgeQr(id)} download={`${id}-qr.svg`}>
            {t('issuing.badge.share.qrDownload')}
          </a>
          ).
        </figcaption>
      </figure>
      <Downloads model={m} />
    </section>
  );
}

function Downloads({ model: m }: { model: BadgeViewModel }) {
  const { t } = useT();
  const id = m.publicId;
  return (
    <p>
      {t('issuing.badge.download.label')}{' '}
      <a href={issuingPaths.badgeJson(id)} download={`${id}.json`}>
        {t('issuing.badge.download.json')}
      </a>
      {m.offersJwt && (
        <>
          {' · '}
          <a href={issuingPaths.badgeJwt(id)} download={`${id}.jwt`}>
            {t('issuing.badge.download.jwt')}
          </a>
        </>
      )}
      {' · '}
      <a href={issuingPaths.badgeBakedPng(id)} download={`${id}.png`}>
        {t('issuing.badge.download.png')}
      </a>{' '}
      ·{' '}
      <a href={issuingPaths.badgeBakedSvg(id)} download={`${id}.svg`}>
        {t('issuing.badge.download.svg')}
      </a>
      <br />
      <a href={`/ob2/assertions/${id}/baked.png`} download={`${id}-ob2.png`}>
        {t('issuing.badge.download.ob2')}
      </a>{' '}
      {t('issuing.badge.download.ob2Before')}{' '}
      <a href={`/ob2/assertions/${id}`}>{t('issuing.badge.download.assertionUrl')}</a>)
    </p>
  );
}

/** A private badge's page for visitors: only whether the credential is valid, nothing about it or its earner. */
export function PrivateBadgeView({ model }: { model: PrivateBadgeModel }) {
  const { t } = useT();
  return (
    <>
      <h1>{t('issuing.badge.private.heading')}</h1>
      <section class="card" aria-labelledby="h-verify">
        <h2 id="h-verify">{t('issuing.badge.verification')}</h2>
        <p role="status">
          <VerdictChip verdict={model.verdict} />{' '}
          {model.verified ? t('issuing.badge.private.valid') : t('issuing.badge.private.invalid')}
        </p>
      </section>
      <p>
        {t('issuing.badge.private.explain')} <a href="/verify">/verify</a>.
      </p>
    </>
  );
}
