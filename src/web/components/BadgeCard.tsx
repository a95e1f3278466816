import type { Child } from 'hono/jsx';
import { useT } from '../i18n/context.ts';
import { IssuerMark } from './IssuerMark.tsx';
import { StatusChip, type Status } from './StatusChip.tsx';
import { useTextLang } from './textLanguage.ts';

export interface BadgeCardModel {
  /** The badge's page; a badge without one (an imported badge) shows its title unlinked. */
  href: string | null;
  title: string;
  /**
   * The language the title is written in (BCP 47), marked on the title when it is not the page's;
   * undefined when not known (an imported badge).
   */
  titleLang?: string;
  /** Null when the badge does not say who issued it. */
  issuer: string | null;
  imageUrl: string | null;
  /**
   * The image's text alternative. Empty (the default) because the title is written beside it;
   * give one when the image says more than the title.
   */
  imageAlt?: string;
  status?: Status;
  /** When it was issued (shown in the reader's date format). */
  issuedOn?: Date;
}

/** The badge's picture, or its issuer's monogram when it has none (decoration: the title is beside it). */
function BadgePicture({ badge }: { badge: BadgeCardModel }) {
  if (badge.imageUrl)
    return (
      <img
        class="badge-image"
        src={badge.imageUrl}
        alt={badge.imageAlt ?? ''}
        width="72"
        height="72"
        loading="lazy"
      />
    );
  return (
    <span class="badge-image badge-image-none">
      <IssuerMark name={badge.issuer ?? badge.title} size={56} />
    </span>
  );
}

/**
 * One badge as a card: its image, title (the link), issuer, status and date. `chip` replaces the
 * standard status chip (a feature with its own statuses), `children` adds lines under the issuer,
 * `actions` adds controls across the foot of the card.
 */
export function BadgeCard({
  badge,
  id,
  chip,
  children,
  actions,
}: {
  badge: BadgeCardModel;
  id?: string;
  chip?: Child;
  children?: Child;
  actions?: Child;
}) {
  const i18n = useT();
  return (
    <article class="badge-card" id={id}>
      <BadgePicture badge={badge} />
      <div class="badge-card-body">
        <h3 lang={useTextLang(badge.titleLang)}>
          {badge.href ? <a href={badge.href}>{badge.title}</a> : badge.title}
        </h3>
        {badge.issuer && <p class="muted">{i18n.t('components.badge.issuedBy', { issuer: badge.issuer })}</p>}
        {badge.issuedOn && (
          <p class="muted">
            <time datetime={badge.issuedOn.toISOString()}>{i18n.date(badge.issuedOn)}</time>
          </p>
        )}
        {chip ?? (badge.status && <StatusChip status={badge.status} />)}
        {children}
      </div>
      {actions && <div class="badge-card-actions">{actions}</div>}
    </article>
  );
}

/** A grid of badge cards. */
export function BadgeCards({ badges }: { badges: BadgeCardModel[] }) {
  return (
    <ul class="badge-cards">
      {badges.map((badge) => (
        <li>
          <BadgeCard badge={badge} />
        </li>
      ))}
    </ul>
  );
}
