import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pagination } from './Pagination.tsx';
import { renderIn } from './testRender.tsx';

const href = (p: number) => `/inbox?page=${p}`;

test('Pagination: previous and next only where they lead somewhere; the page and total in words', () => {
  const middle = renderIn('en', <Pagination page={2} pages={3} total={1234} href={href} />);
  assert.match(middle, /<nav class="pagination" aria-label="Pages">/);
  assert.match(middle, /<a href="\/inbox\?page=1" rel="prev">Previous page<\/a>/);
  assert.match(middle, /<span aria-current="page">Page 2 of 3<\/span>/);
  assert.match(middle, /<a href="\/inbox\?page=3" rel="next">Next page<\/a>/);
  assert.match(middle, /1,234 results/);
  const first = renderIn('es', <Pagination page={1} pages={2} href={href} />);
  assert.doesNotMatch(first, /rel="prev"/);
  assert.match(first, /Página 1 de 2/);
  assert.equal(renderIn('en', <Pagination page={1} pages={1} href={href} />), '');
});
