import { BadgeCard } from '../../../web/components/BadgeCard.tsx';
import { useTextLang } from '../../../web/components/textLanguage.ts';
import { ActionButton } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { MessageKey, Translator } from '../../../web/i18n/i18n.ts';
import { isImage } from '../importedFiles.ts';
import { backpackPaths, issuedBadgeFiles } from '../paths.ts';
import type { ImportedBadgeSummary } from '../queries/importedBadges.ts';
import type { IssuedBadge } from '../queries/issuedBadges.ts';
import { AddToCollection, StatusChip, type CollectionChoice } from './parts.tsx';
import { badgeName } from '../badgeDisplay.ts';

type RowProps<B> = { b: B; csrf: string; collections: CollectionChoice[] };

function PrivacyButtons({ b, csrf }: { b: IssuedBadge; csrf: string }) {
  const { t } = useT();
  const paths = backpackPaths.issuedBadge(b.publicId);
  return (
    <>
      <ActionButton
        action={paths.privacy}
        csrfToken={csrf}
        label={t(b.private ? 'backpack.issued.makePublic' : 'backpack.issued.makePrivate')}
        variant="secondary"
        hidden={{ private: b.private ? 'false' : 'true' }}
      />{' '}
      {!b.private && (
        <ActionButton
          action={paths.name}
          csrfToken={csrf}
          label={t(b.showName ? 'backpack.issued.hideName' : 'backpack.issued.showName')}
          variant="secondary"
          hidden={{ show: b.showName ? 'false' : 'true' }}
        />
      )}
    </>
  );
}

function IssuedDownloads({ b }: { b: IssuedBadge }) {
  const { t } = useT();
  const files = issuedBadgeFiles(b.publicId);
  return (
    <>
      {t('backpack.issued.download')}{' '}
      <a href={files.json} download={`${b.publicId}.json`}>
        {t('backpack.issued.json')}
      </a>
      {b.hasJwt && (
        <>
          {' · '}
          <a href={files.jwt} download={`${b.publicId}.jwt`}>
            {t('backpack.issued.jws')}
          </a>
        </>
      )}
      {' · '}
      <a href={files.bakedPng} download={`${b.publicId}.png`}>
        {t('backpack.issued.bakedPng')}
      </a>{' '}
      ·{' '}
      <a href={files.bakedSvg} download={`${b.publicId}.svg`}>
        {t('backpack.issued.bakedSvg')}
      </a>{' '}
      ·{' '}
      <a href={files.ob2BakedPng} download={`${b.publicId}-ob2.png`}>
        {t('backpack.issued.ob2')}
      </a>
    </>
  );
}

/** A badge issued here that the earner holds: a card with its image, status, privacy and downloads. */
export function IssuedRow({ b, csrf, collections }: RowProps<IssuedBadge>) {
  const { t, date } = useT();
  const files = issuedBadgeFiles(b.publicId);
  const issued = b.validUntil
    ? t('backpack.issued.issuedOnUntil', { date: date(b.issuedAt), until: date(b.validUntil) })
    : t('backpack.issued.issuedOn', { date: date(b.issuedAt) });
  return (
    <li>
      <BadgeCard
        id={`badge-${b.publicId}`}
        badge={{
          href: files.page,
          title: b.name,
          titleLang: b.nameLanguage,
          issuer: b.issuerName,
          imageUrl: files.bakedPng,
        }}
        chip={<StatusChip status={b.status} />}
        actions={
          <>
            <p>
              <PrivacyButtons b={b} csrf={csrf} />
            </p>
            <p>
              <IssuedDownloads b={b} />
            </p>
            <AddToCollection badge={b.publicId} csrf={csrf} collections={collections} />
          </>
        }
      >
        <p>{issued}</p>
        <p>
          <span class="tag">{t(b.private ? 'backpack.issued.private' : 'backpack.issued.publicPage')}</span>
          {!b.private && (
            <span class="tag">
              {t(b.showName ? 'backpack.issued.nameShown' : 'backpack.issued.nameHidden')}
            </span>
          )}
        </p>
      </BadgeCard>
    </li>
  );
}

/** A badge issued here, waiting for the earner to accept or decline it. */
export function PendingRow({ b, csrf }: { b: IssuedBadge; csrf: string }) {
  const { t, date } = useT();
  const paths = backpackPaths.issuedBadge(b.publicId);
  const values = { issuer: b.issuerName, email: b.recipientEmail ?? '', date: date(b.issuedAt) };
  return (
    <li id={`badge-${b.publicId}`}>
      <strong lang={useTextLang(b.nameLanguage)}>{b.name}</strong>{' '}
      {t(b.recipientEmail ? 'backpack.pending.sentTo' : 'backpack.pending.sent', values)}{' '}
      <StatusChip status={b.status} />{' '}
      <ActionButton action={paths.accept} csrfToken={csrf} label={t('backpack.pending.accept')} />{' '}
      <ActionButton
        action={paths.decline}
        csrfToken={csrf}
        label={t('backpack.pending.decline')}
        variant="secondary"
      />
    </li>
  );
}

/** What the last verification of an imported badge found, as the end of its sentence. */
function verdictText(t: Translator, b: ImportedBadgeSummary): string {
  if (b.verified) return t.t('backpack.imported.verified');
  if (b.status === 'failed')
    return t.t('backpack.imported.failed', {
      reason: b.failure_reason ?? t.t('backpack.imported.unknownReason'),
    });
  return t.t('backpack.imported.partly', { reason: b.failure_reason ?? '' });
}

/** An import's format in words (JSON, PNG…); an unknown one as it is stored, in capitals. */
export function formatName(t: Translator, format: string): string {
  const key = `backpack.formats.${format}`;
  return ['json', 'jws', 'png', 'svg', 'url'].includes(format)
    ? t.t(key as MessageKey)
    : format.toUpperCase();
}

/** The picture of an imported badge: the uploaded image itself, or the image the credential names. */
function importedImage(b: ImportedBadgeSummary): string | null {
  if (isImage(b.format)) return backpackPaths.importedBadge(b.public_id).image;
  return b.image_url;
}

function ImportedActions({ b, csrf }: { b: ImportedBadgeSummary; csrf: string }) {
  const { t } = useT();
  const paths = backpackPaths.importedBadge(b.public_id);
  const canBake = !isImage(b.format) && b.report_format !== 'ob2';
  return (
    <p>
      <ActionButton
        action={paths.reverify}
        csrfToken={csrf}
        label={t('backpack.imported.verifyAgain')}
        variant="secondary"
      />{' '}
      <a href={paths.download}>{t('backpack.imported.downloadOriginal')}</a>
      {canBake && (
        <>
          {' · '}
          <a href={paths.baked('png')}>{t('backpack.issued.bakedPng')}</a> ·{' '}
          <a href={paths.baked('svg')}>{t('backpack.issued.bakedSvg')}</a>
        </>
      )}{' '}
      <ActionButton
        action={paths.remove}
        csrfToken={csrf}
        label={t('backpack.imported.remove')}
        variant="danger"
      />
    </p>
  );
}

/** A badge imported from elsewhere, with its last verdict: a card like the others, unlinked. */
export function ImportedRow({ b, csrf, collections }: RowProps<ImportedBadgeSummary>) {
  const i18n = useT();
  const { t, date } = i18n;
  const format = formatName(i18n, b.format);
  return (
    <li>
      <BadgeCard
        id={`badge-${b.public_id}`}
        badge={{
          href: null,
          title: badgeName(i18n, b.name),
          issuer: b.issuer_name,
          imageUrl: importedImage(b),
        }}
        chip={<StatusChip status={b.status} />}
        actions={
          <>
            <ImportedActions b={b} csrf={csrf} />
            <AddToCollection badge={b.public_id} csrf={csrf} collections={collections} />
          </>
        }
      >
        {!b.issuer_name && <p class="muted">{t('pictures.backpack.issuerUnknown')}</p>}
        <p>
          {b.issued_on ? `${t('backpack.imported.issuedOn', { date: date(b.issued_on) })} ` : ''}
          {b.source_url
            ? t('backpack.imported.importedFrom', { format, source: b.source_url })
            : t('backpack.imported.importedAs', { format })}{' '}
          {verdictText(i18n, b)}{' '}
          <span class="muted">
            {t('backpack.imported.checked', { date: date(b.checked_at, { withTime: true }) })}
          </span>
        </p>
      </BadgeCard>
    </li>
  );
}
