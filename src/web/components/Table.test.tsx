import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Table, type Column } from './Table.tsx';
import { renderIn } from './testRender.tsx';

interface Member {
  name: string;
  role: string;
}
const columns: Column<Member>[] = [
  { label: 'Name', cell: (m) => m.name, sortKey: 'name' },
  { label: 'Role', cell: (m) => m.role },
];
const href = (key: string, dir: string) => `/members?sort=${key}&dir=${dir}`;

test('Table: sortable headers say their order; cells carry labels for the stacked phone layout', () => {
  const html = renderIn(
    'en',
    <Table
      caption="Members"
      columns={columns}
      rows={[{ name: 'Ada', role: 'Owner' }]}
      sort={{ key: 'name', dir: 'asc', href }}
    />,
  );
  assert.match(html, /<table class="stacking"><caption class="visually-hidden">Members<\/caption>/);
  assert.match(
    html,
    /<th scope="col" aria-sort="ascending"><a href="\/members\?sort=name&amp;dir=desc" title="Sort by Name">Name<\/a><\/th><th scope="col">Role<\/th>/,
  );
  assert.match(html, /<td data-label="Name">Ada<\/td><td data-label="Role">Owner<\/td>/);
});

test('Table: no rows shows the empty state across the table (the default in the reader’s language)', () => {
  assert.match(
    renderIn('es', <Table columns={columns} rows={[]} />),
    /<td class="empty" colspan="2">Todavía no hay nada aquí.<\/td>/,
  );
  assert.match(
    renderIn('en', <Table columns={columns} rows={[]} empty={<a href="/invite">Invite someone</a>} />),
    /colspan="2"><a href="\/invite">Invite someone<\/a>/,
  );
});
