import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from './boundedCache.ts';

test('a bounded cache keeps the most recently used entries', () => {
  const cache = new BoundedCache<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1); // a is now the most recent
  cache.set('c', 3); // b goes
  assert.equal(cache.get('b'), undefined);
  assert.deepEqual([cache.get('a'), cache.get('c'), cache.size], [1, 3, 2]);
  cache.set('a', 10);
  assert.equal(cache.get('a'), 10);
  assert.throws(() => new BoundedCache(0), /at least one/);
});
