import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapCounts, mapRows, PathwayMap, type MapNode } from './PathwayMap.tsx';
import { renderIn } from './testRender.tsx';

const step = (title: string, held: boolean, href: string | null = `/catalog/o/${title}`): MapNode => ({
  kind: 'microCredential',
  title,
  held,
  earnedOn: held ? '2026-02-01' : null,
  href,
});

// All of: A (held), then any 1 of B, C (neither held), then D (not offered).
const root: MapNode = {
  kind: 'group',
  label: 'All of these, in this order',
  satisfied: false,
  ordered: true,
  items: [
    step('A', true),
    { kind: 'group', label: 'Any 1 of these', satisfied: false, items: [step('B', false), step('C', false)] },
    step('D', false, null),
  ],
};

test('rows and counts: earned, missing, and not needed once a group is done', () => {
  const rows = mapRows(root, true);
  assert.deepEqual(
    rows.map((r) => [r.depth, r.kind, r.label, r.state, r.number]),
    [
      [0, 'group', 'All of these, in this order', 'step', null],
      [1, 'step', 'A', 'earned', 1],
      [1, 'group', 'Any 1 of these', 'step', 2],
      [2, 'step', 'B', 'missing', null],
      [2, 'step', 'C', 'missing', null],
      [1, 'step', 'D', 'missing', 3],
    ],
  );
  assert.deepEqual(mapCounts(rows), { total: 4, earned: 1, missing: 3, notNeeded: 0 });
  const some = root.kind === 'group' ? root.items[1]! : root;
  const withB: MapNode = { ...some, satisfied: true, items: [step('B', true), step('C', false)] } as MapNode;
  const later = { ...root, items: [step('A', true), withB, step('D', false, null)] } as MapNode;
  assert.deepEqual(mapCounts(mapRows(later, true)), { total: 4, earned: 2, missing: 1, notNeeded: 1 });
  assert.deepEqual(mapCounts(mapRows(root, false)), { total: 4, earned: 0, missing: 0, notNeeded: 0 });
  assert.deepEqual(mapCounts(mapRows(step('Solo', false), true)), {
    total: 1,
    earned: 0,
    missing: 1,
    notNeeded: 0,
  });
});

test('map: an image named by its title and counts, missing steps linked, and the list in words', () => {
  const html = renderIn('en', <PathwayMap id="m" name="Certificate" root={root} signedIn />);
  assert.match(html, /role="img" aria-labelledby="m-title m-desc"/);
  assert.match(html, /<title id="m-title">Map of the pathway Certificate<\/title>/);
  assert.match(html, /<desc id="m-desc">1 step earned, 3 still to earn\.<\/desc>/);
  assert.equal([...html.matchAll(/<circle class="map-dot earned"/g)].length, 1);
  assert.equal([...html.matchAll(/<circle class="map-dot missing"/g)].length, 3);
  assert.equal([...html.matchAll(/<path class="map-tick"/g)].length, 1);
  assert.match(
    html,
    /<a href="\/catalog\/o\/B" tabindex="-1" aria-hidden="true">/,
    'a missing step links to where to apply',
  );
  assert.doesNotMatch(html, /<a href="\/catalog\/o\/A" tabindex/, 'an earned one does not');
  // The list: what a screen reader reads, with the keyboard's links.
  assert.match(html, /<li class="map-item earned">A<span class="muted"> — Earned Feb 1, 2026<\/span><\/li>/);
  assert.match(html, /<li class="map-item missing"><a href="\/catalog\/o\/B">B<\/a>/);
  assert.match(html, /<li class="map-item missing">D<span class="muted"> — Not offered at the moment/);
  assert.match(html, /<ol>/, 'an ordered group is a numbered list');
});

test('map for a visitor: the structure without progress, in Spanish', () => {
  const html = renderIn('es', <PathwayMap id="v" name="Certificado" root={root} signedIn={false} />);
  assert.match(html, /<title id="v-title">Mapa del itinerario Certificado<\/title>/);
  assert.match(html, /<desc id="v-desc">4 pasos\. La lista de abajo nombra cada uno\.<\/desc>/);
  assert.doesNotMatch(html, /map-dot (earned|missing)/);
  assert.doesNotMatch(html, /map-legend/);
});
