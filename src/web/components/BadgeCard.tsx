import { useT } from '../i18n/context.ts';
import { StatusChip, type Status } from './StatusChip.tsx';

export interface BadgeCardModel {
  href: string;
  title: string;
  issuer: string;
  imageUrl: string | null;
  status?: Status;
  /** When it was issued (shown in the reader's date format). */
  issuedOn?: Date;
}

/** One badge as a card: its image, title (the link), issuer, status and date. */
export function BadgeCard({ badge }: { badge: BadgeCardModel }) {
  const i18n = useT();
  return (
    <article class="badge-card">
      {badge.imageUrl ? (
        <img src={badge.imageUrl} alt="" width="72" height="72" loading="lazy" />
      ) : (
        <span aria-hidden="true"></span>
      )}
      <div>
        <h3>
          <a href={badge.href}>{badge.title}</a>
        </h3>
        <p class="muted">{i18n.t('components.badge.issuedBy', { issuer: badge.issuer })}</p>
        {badge.issuedOn && (
          <p class="muted">
            <time datetime={badge.issuedOn.toISOString()}>{i18n.date(badge.issuedOn)}</time>
          </p>
        )}
        {badge.status && <StatusChip status={badge.status} />}
      </div>
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
