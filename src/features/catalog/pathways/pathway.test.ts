import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, mentionedMicroCredentials, requirementSchema, type Requirement } from './pathway.ts';

const mc = (id: string): Requirement => ({ type: 'microCredential', id });
const d = (day: number) => new Date(Date.UTC(2026, 0, day));

test('all-of, N-of-M, ordered and nested pathways, with progress “3 of 5”', () => {
  const core: Requirement = { type: 'all', items: [mc('a'), mc('b')] };
  const electives: Requirement = { type: 'some', count: 2, items: [mc('c'), mc('d'), mc('e')] };
  const pathways = new Map<string, Requirement>([['core', core]]);
  const certificate: Requirement = {
    type: 'all',
    items: [{ type: 'pathway', id: 'core' }, electives, mc('f')],
  };
  const held = new Map([
    ['a', d(1)],
    ['b', d(2)],
    ['c', d(3)],
  ]);
  assert.deepEqual(evaluate(certificate, held, pathways), { satisfied: false, done: 3, needed: 5, at: null });
  const all = new Map([...held, ['e', d(5)], ['f', d(4)]]);
  const done = evaluate(certificate, all, pathways);
  assert.equal(done.satisfied, true);
  assert.equal(done.at?.getTime(), d(5).getTime());
  const ordered: Requirement = { type: 'ordered', items: [mc('a'), mc('f'), mc('e')] };
  assert.equal(evaluate(ordered, all, pathways).satisfied, true);
  assert.equal(
    evaluate({ type: 'ordered', items: [mc('e'), mc('a')] }, all, pathways).satisfied,
    false,
    'out of order',
  );
  const loop = new Map<string, Requirement>([['x', { type: 'pathway', id: 'x' }]]);
  assert.equal(evaluate({ type: 'pathway', id: 'x' }, held, loop).satisfied, false, 'cycles never satisfy');
  assert.deepEqual([...mentionedMicroCredentials(certificate, pathways)].sort(), [
    'a',
    'b',
    'c',
    'd',
    'e',
    'f',
  ]);
  assert.equal(requirementSchema.safeParse({ type: 'some', count: 0, items: [mc('a')] }).success, false);
  assert.equal(requirementSchema.safeParse(certificate).success, true);
});
