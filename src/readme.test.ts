import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { settings } from './config.ts';

test('the README documents every setting and the two quick-start commands', () => {
  const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
  for (const name of Object.keys(settings))
    assert.match(readme, new RegExp(`\\| \`${name}\` \\|`), `${name} is missing from the README`);
  assert.match(readme, /npm install && npm start/);
  assert.match(readme, /npm test/);
});
