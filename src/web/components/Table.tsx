import type { Child } from 'hono/jsx';
import { useT } from '../i18n/context.ts';

export interface Column<Row> {
  /** The header text; also each cell's label when the table stacks into cards on a phone. */
  label: string;
  cell: (row: Row) => Child;
  /** When set, the header links to this sort (the page reads ?sort=&dir=). */
  sortKey?: string;
}

export interface TableSort {
  key: string;
  dir: 'asc' | 'desc';
  /** The address of the list sorted by `key` in `dir`. */
  href: (key: string, dir: 'asc' | 'desc') => string;
}

/**
 * A data table: column headers (scope="col", linked and aria-sort'ed when sortable), one row per
 * item, and an empty state instead of an empty grid. Under ~600px each row becomes a card whose
 * cells carry their column's label.
 */
export function Table<Row>(props: {
  caption?: string;
  columns: Column<Row>[];
  rows: Row[];
  sort?: TableSort;
  /** What to show (and what to do next) when there are no rows. */
  empty?: Child;
}) {
  const { t } = useT();
  const { sort } = props;
  return (
    <div class="table-wrap">
      <table class="stacking">
        {props.caption && <caption class="visually-hidden">{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((column) => {
              if (!sort || !column.sortKey) return <th scope="col">{column.label}</th>;
              const active = sort.key === column.sortKey;
              const next = active && sort.dir === 'asc' ? 'desc' : 'asc';
              return (
                <th
                  scope="col"
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <a
                    href={sort.href(column.sortKey, next)}
                    title={t('components.table.sortBy', { column: column.label })}
                  >
                    {column.label}
                  </a>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td class="empty" colspan={props.columns.length}>
                {props.empty ?? t('components.table.empty')}
              </td>
            </tr>
          ) : (
            props.rows.map((row) => (
              <tr>
                {props.columns.map((column) => (
                  <td data-label={column.label}>{column.cell(row)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
