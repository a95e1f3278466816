import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Card } from './Card.tsx';
import { renderIn } from './testRender.tsx';

test('Card: a labelled section with its heading, content and actions', () => {
  const html = renderIn(
    'en',
    <Card id="keys" title="Signing keys" actions={<a href="/x">Rotate</a>}>
      <p>Two keys.</p>
    </Card>,
  );
  assert.match(
    html,
    /<section class="card" id="keys" aria-labelledby="keys-title"><h2 class="card-title" id="keys-title">Signing keys<\/h2><p>Two keys.<\/p><div class="card-actions"><a href="\/x">Rotate<\/a><\/div><\/section>/,
  );
  assert.doesNotMatch(renderIn('en', <Card>plain</Card>), /<h2|aria-labelledby/);
});
