import type { JSX } from 'hono/jsx/jsx-runtime';
import { RecognitionPanel } from '../../recognition/index.ts';
import type { verdictOf } from '../../verification/index.ts';
import { CopyField, PageScriptTag } from '../../../web/pageScripts.tsx';
import { identifierWords, type issuerIdentity } from './issuerIdentity.ts';
import { issuingPaths } from '../paths.ts';

/** The public badge page as a pure view of its model (badgePage.tsx loads it and caches the HTML). */

type Json = Record<string, unknown>;

export interface BadgeViewModel {
  name: string;
  holder: { name: string; binding: string } | null;
  row: {
    public_id: string;
    private: boolean | null;
    org_name: string;
    jwt: string | null;
    key_status: string | null;
  };
  issuer: ReturnType<typeof issuerIdentity>;
  issued: Date;
  validUntil: Date | null;
  report: { verified: boolean };
  verdict: Verdict;
  failed: Array<{ message?: string }>;
  statusEvent: { action: string; reason: string | null; created_at: Date } | null | undefined;
  url: string;
  recognition: Parameters<typeof RecognitionPanel>[0]['data'] | null;
  achievement: Json & { criteria?: Json };
  linkedIn: URL;
  share: { linkedin: string; facebook: string; x: string; email: string };
  embed: string;
  signature: string;
  publicUrl: string;
}

type Verdict = ReturnType<typeof verdictOf>;

/** The chip's tone for each verdict (the word is always shown too, never colour alone). */
const VERDICT_TONE: Record<Verdict, 'ok' | 'warn' | 'bad'> = {
  Valid: 'ok',
  Expired: 'warn',
  Suspended: 'warn',
  Revoked: 'bad',
  'Not verified': 'bad',
};

/** A verification verdict as a coloured chip with its word: "Valid", "Revoked". */
export function VerdictChip({ verdict }: { verdict: Verdict }) {
  return <span class={`chip ${VERDICT_TONE[verdict]}`}>{verdict}</span>;
}

export function badgeHead(m: BadgeViewModel): JSX.Element {
  const { name, row, url, achievement } = m;
  const config = { publicUrl: m.publicUrl };
  return (
    <>
      <meta property="og:type" content="website" />
      <meta property="og:title" content={`${name} — ${row.org_name}`} />
      <meta property="og:description" content={String(achievement.description ?? '').slice(0, 200)} />
      <meta property="og:image" content={`${url}/baked.png`} />
      <meta property="og:url" content={url} />
      <meta name="twitter:card" content="summary" />
      <link
        rel="alternate"
        type="application/json+oembed"
        href={`${config.publicUrl}/oembed?url=${encodeURIComponent(url)}`}
      />
      <PageScriptTag name="copy.js" />
    </>
  );
}

export function badgeBody(m: BadgeViewModel): JSX.Element {
  const {
    name,
    holder,
    row,
    issuer,
    issued,
    validUntil,
    report,
    verdict,
    failed,
    statusEvent,
    url,
    recognition,
  } = m;
  const { achievement } = m;
  return (
    <>
      <img
        src={issuingPaths.badgeBakedPng(row.public_id)}
        alt={`${name} badge`}
        width="160"
        height="160"
        class="float-end"
      />
      <h1>{name}</h1>
      {holder && (
        <p class="issued-to">
          Issued to <strong>{holder.name}</strong>
          <span class="muted"> — {holder.binding}</span>
        </p>
      )}
      {row.private && (
        <p class="flash info" role="status">
          You made this badge private: visitors see only whether it is valid. Change it in your{' '}
          <a href="/backpack">backpack</a>.
        </p>
      )}
      <p>
        Issued by <strong>{row.org_name}</strong>
        {issuer ? <span class="issuer-id"> ({identifierWords(issuer).join(', ')})</span> : ''} on{' '}
        {issued.toISOString().slice(0, 10)}
        {validUntil ? `, valid until ${validUntil.toISOString().slice(0, 10)}` : ''}.
      </p>
      <section class="card" aria-labelledby="h-verify">
        <h2 id="h-verify">Verification</h2>
        <p role="status">
          <VerdictChip verdict={verdict} />{' '}
          {report.verified
            ? 'The signature, issuer key, dates and status all check out.'
            : failed.map((x) => x.message).join(' ')}
        </p>
        {statusEvent && (
          <p class="status-reason">
            {verdict} on {statusEvent.created_at.toISOString().slice(0, 10)}
            {statusEvent.reason ? `: ${statusEvent.reason}` : '.'}
          </p>
        )}
        <p>
          <a href={`/verify?url=${encodeURIComponent(url)}`}>Check every step at /verify</a>
        </p>
      </section>
      {recognition && <RecognitionPanel data={recognition} />}
      <section class="card">
        <h2>What it certifies</h2>
        <p>{String(achievement.description ?? '')}</p>
        {achievement.criteria?.narrative ? <p>Criteria: {String(achievement.criteria.narrative)}</p> : null}
      </section>
      <ShareSection m={m} />
    </>
  );
}

/** Ways to share the badge and download it (the credential, the baked images, the QR code). */
function ShareSection({ m }: { m: BadgeViewModel }) {
  const { row, url, linkedIn, share, embed, signature } = m;
  return (
    <section class="card">
      <h2>Share</h2>
      <p>
        <a class="button" href={linkedIn.toString()}>
          Add to LinkedIn profile
        </a>{' '}
        <a href={share.linkedin}>LinkedIn</a> · <a href={share.facebook}>Facebook</a> ·{' '}
        <a href={share.x}>X</a> · <a href={share.email}>Email</a>
      </p>
      <CopyField id="page-link" label="Link to this badge page" value={url} />
      <CopyField id="embed" label="Embed on a web page" value={embed} rows={3} />
      <CopyField id="signature" label="Email signature" value={signature} rows={3} />
      <figure class="qr">
        <img
          src={issuingPaths.badgeQr(row.public_id)}
          alt={`QR code linking to this badge page`}
          width="132"
          height="132"
        />
        <figcaption>
          Scan to open this badge page (
          <a href={issuingPaths.badgeQr(row.public_id)} download={`${row.public_id}-qr.svg`}>
            download the QR code
          </a>
          ).
        </figcaption>
      </figure>
      <p>
        Download:{' '}
        <a href={issuingPaths.badgeJson(row.public_id)} download={`${row.public_id}.json`}>
          credential (JSON)
        </a>
        {(row.jwt || row.key_status !== 'revoked') && (
          <>
            {' · '}
            <a href={issuingPaths.badgeJwt(row.public_id)} download={`${row.public_id}.jwt`}>
              VC-JWT
            </a>
          </>
        )}
        {' · '}
        <a href={issuingPaths.badgeBakedPng(row.public_id)} download={`${row.public_id}.png`}>
          baked PNG
        </a>{' '}
        ·{' '}
        <a href={issuingPaths.badgeBakedSvg(row.public_id)} download={`${row.public_id}.svg`}>
          baked SVG
        </a>
        <br />
        <a href={`/ob2/assertions/${row.public_id}/baked.png`} download={`${row.public_id}-ob2.png`}>
          Download for older backpacks (Open Badges 2.0)
        </a>{' '}
        (or give them the <a href={`/ob2/assertions/${row.public_id}`}>assertion URL</a>)
      </p>
    </section>
  );
}
