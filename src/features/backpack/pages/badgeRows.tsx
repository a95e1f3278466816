import { BadgeCard } from '../../../web/components/BadgeCard.tsx';
import { ActionButton } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { isImage } from '../importedFiles.ts';
import { backpackPaths, issuedBadgeFiles } from '../paths.ts';
import type { ImportedBadgeSummary } from '../queries/importedBadges.ts';
import type { IssuedBadge } from '../queries/issuedBadges.ts';
import { AddToCollection, day, StatusChip, type CollectionChoice } from './parts.tsx';

type RowProps<B> = { b: B; csrf: string; collections: CollectionChoice[] };

function PrivacyButtons({ b, csrf }: { b: IssuedBadge; csrf: string }) {
  const paths = backpackPaths.issuedBadge(b.publicId);
  return (
    <>
      <ActionButton
        action={paths.privacy}
        csrfToken={csrf}
        label={b.private ? 'Make public' : 'Make private'}
        variant="secondary"
        hidden={{ private: b.private ? 'false' : 'true' }}
      />{' '}
      {!b.private && (
        <ActionButton
          action={paths.name}
          csrfToken={csrf}
          label={b.showName ? 'Hide my name on its page' : 'Show my name on its page'}
          variant="secondary"
          hidden={{ show: b.showName ? 'false' : 'true' }}
        />
      )}
    </>
  );
}

function IssuedDownloads({ b }: { b: IssuedBadge }) {
  const files = issuedBadgeFiles(b.publicId);
  return (
    <>
      Download:{' '}
      <a href={files.json} download={`${b.publicId}.json`}>
        JSON
      </a>
      {b.hasJwt && (
        <>
          {' · '}
          <a href={files.jwt} download={`${b.publicId}.jwt`}>
            JWS
          </a>
        </>
      )}
      {' · '}
      <a href={files.bakedPng} download={`${b.publicId}.png`}>
        baked PNG
      </a>{' '}
      ·{' '}
      <a href={files.bakedSvg} download={`${b.publicId}.svg`}>
        baked SVG
      </a>{' '}
      ·{' '}
      <a href={files.ob2BakedPng} download={`${b.publicId}-ob2.png`}>
        Download for older backpacks (Open Badges 2.0)
      </a>
    </>
  );
}

/** A badge issued here that the earner holds: a card with its image, status, privacy and downloads. */
export function IssuedRow({ b, csrf, collections }: RowProps<IssuedBadge>) {
  const files = issuedBadgeFiles(b.publicId);
  return (
    <li>
      <BadgeCard
        id={`badge-${b.publicId}`}
        badge={{ href: files.page, title: b.name, issuer: b.issuerName, imageUrl: files.bakedPng }}
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
        <p>
          Issued here on {day(b.issuedAt)}
          {b.validUntil ? `, valid until ${day(b.validUntil)}` : ''}.
        </p>
        <p>
          {b.private ? <span class="tag">Private</span> : <span class="tag">Public page</span>}
          {!b.private && <span class="tag">{b.showName ? 'Your name shown' : 'Your name hidden'}</span>}
        </p>
      </BadgeCard>
    </li>
  );
}

/** A badge issued here, waiting for the earner to accept or decline it. */
export function PendingRow({ b, csrf }: { b: IssuedBadge; csrf: string }) {
  const paths = backpackPaths.issuedBadge(b.publicId);
  return (
    <li id={`badge-${b.publicId}`}>
      <strong>{b.name}</strong> from {b.issuerName}, sent to {b.recipientEmail} on {day(b.issuedAt)}{' '}
      <StatusChip status={b.status} /> <ActionButton action={paths.accept} csrfToken={csrf} label="Accept" />{' '}
      <ActionButton action={paths.decline} csrfToken={csrf} label="Decline" variant="secondary" />
    </li>
  );
}

function verdictText(b: ImportedBadgeSummary): string {
  if (b.verified) return 'verified';
  if (b.status === 'failed') return `verification failed: ${b.failure_reason ?? 'unknown reason'}`;
  return `signature verified; ${b.failure_reason ?? ''}`;
}

/** The picture of an imported badge: the uploaded image itself, or the image the credential names. */
function importedImage(b: ImportedBadgeSummary): string | null {
  if (isImage(b.format)) return backpackPaths.importedBadge(b.public_id).image;
  return b.image_url;
}

/** A badge imported from elsewhere, with its last verdict: a card like the others, unlinked. */
export function ImportedRow({ b, csrf, collections }: RowProps<ImportedBadgeSummary>) {
  const { t } = useT();
  const paths = backpackPaths.importedBadge(b.public_id);
  const canBake = !isImage(b.format) && b.report_format !== 'ob2';
  return (
    <li>
      <BadgeCard
        id={`badge-${b.public_id}`}
        badge={{ href: null, title: b.name, issuer: b.issuer_name, imageUrl: importedImage(b) }}
        chip={<StatusChip status={b.status} />}
        actions={
          <>
            <p>
              <ActionButton
                action={paths.reverify}
                csrfToken={csrf}
                label="Verify again"
                variant="secondary"
              />{' '}
              <a href={paths.download}>Download original</a>
              {canBake && (
                <>
                  {' · '}
                  <a href={paths.baked('png')}>baked PNG</a> · <a href={paths.baked('svg')}>baked SVG</a>
                </>
              )}{' '}
              <ActionButton action={paths.remove} csrfToken={csrf} label="Remove" variant="danger" />
            </p>
            <AddToCollection badge={b.public_id} csrf={csrf} collections={collections} />
          </>
        }
      >
        {!b.issuer_name && <p class="muted">{t('pictures.backpack.issuerUnknown')}</p>}
        <p>
          {b.issued_on ? `Issued on ${day(b.issued_on)}. ` : ''}Imported ({b.format.toUpperCase()}
          {b.source_url ? ` from ${b.source_url}` : ''}) — {verdictText(b)}{' '}
          <span class="muted">(checked {b.checked_at.toISOString().replace('T', ' ').slice(0, 16)} UTC)</span>
        </p>
      </BadgeCard>
    </li>
  );
}
