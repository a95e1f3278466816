import type { Viewer } from '../../http/env.ts';
import { useT } from '../i18n/context.ts';
import { isCurrent, navGroups, type NavGroup } from './navItems.ts';

/**
 * The site navigation, from navGroups(): one list per group, in one "Main" landmark. On wide
 * screens every link shows (the organisation's tools on a row of their own); on narrow screens
 * the whole navigation folds behind a Menu button (a <details>, so no script is needed).
 */
export function Nav({ viewer, mailbox, path }: { viewer: Viewer | null; mailbox: boolean; path: string }) {
  const { t } = useT();
  const groups = navGroups(viewer, { mailbox });
  return (
    <details class="site-nav">
      <summary>{t('nav.menu')}</summary>
      <nav aria-label={t('nav.label')}>
        {groups.map((group) => (
          <NavGroupList group={group} path={path} />
        ))}
      </nav>
    </details>
  );
}

function NavGroupList({ group, path }: { group: NavGroup; path: string }) {
  const { t } = useT();
  const id = `nav-${group.id}`;
  return (
    <div class="nav-group" data-group={group.id}>
      <span class="nav-heading" id={id}>
        {group.name ?? t(group.label)}
      </span>
      <ul aria-labelledby={id}>
        {group.items.map((item) => (
          <li>
            <a
              href={item.href}
              class="nav-link"
              aria-current={isCurrent(item.href, path) ? 'page' : undefined}
            >
              {t(item.label)}
              {item.count ? (
                <>
                  {' '}
                  <span class="count">
                    {item.count}
                    <span class="visually-hidden">{t('nav.unreadSuffix')}</span>
                  </span>
                </>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
