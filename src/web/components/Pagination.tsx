import { useT } from '../i18n/context.ts';

/**
 * Previous / "Page 2 of 7" / Next for a paged list. `href(page)` builds each page's address
 * (keeping the list's filters); the ends show no link.
 */
export function Pagination(props: {
  page: number;
  pages: number;
  total?: number;
  href: (page: number) => string;
}) {
  const { t, number } = useT();
  if (props.pages <= 1 && props.total === undefined) return null;
  return (
    <nav class="pagination" aria-label={t('components.pagination.label')}>
      <ul>
        {props.page > 1 && (
          <li>
            <a href={props.href(props.page - 1)} rel="prev">
              {t('components.pagination.previous')}
            </a>
          </li>
        )}
        <li>
          <span aria-current="page">
            {t('components.pagination.page', { page: number(props.page), pages: number(props.pages) })}
          </span>
        </li>
        {props.page < props.pages && (
          <li>
            <a href={props.href(props.page + 1)} rel="next">
              {t('components.pagination.next')}
            </a>
          </li>
        )}
        {props.total !== undefined && (
          <li>
            <span class="muted">{t('components.pagination.results', { count: props.total })}</span>
          </li>
        )}
      </ul>
    </nav>
  );
}
