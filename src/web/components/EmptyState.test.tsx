import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmptyState } from './EmptyState.tsx';
import { renderIn } from './testRender.tsx';

test('EmptyState: says what this place is for and what to do next', () => {
  const html = renderIn(
    'en',
    <EmptyState
      title="No micro-credentials yet"
      next="Design one to start issuing."
      action={
        <a class="button" href="/new">
          New micro-credential
        </a>
      }
    />,
  );
  assert.match(
    html,
    /class="empty-state"><h2>No micro-credentials yet<\/h2><p>Design one to start issuing.<\/p><a class="button" href="\/new">/,
  );
});
