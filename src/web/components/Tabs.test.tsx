import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tabs } from './Tabs.tsx';
import { renderIn } from './testRender.tsx';

test('Tabs: links (each its own address) with the current one marked', () => {
  const html = renderIn(
    'en',
    <Tabs
      label="Backpack"
      current="/backpack/collections"
      tabs={[
        { href: '/backpack', label: 'Badges' },
        { href: '/backpack/collections', label: 'Collections' },
      ]}
    />,
  );
  assert.equal(
    html,
    '<nav class="tabs" aria-label="Backpack"><ul><li><a href="/backpack">Badges</a></li><li><a href="/backpack/collections" aria-current="page">Collections</a></li></ul></nav>',
  );
});
