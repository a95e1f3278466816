import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusChip } from './StatusChip.tsx';
import { renderIn } from './testRender.tsx';

test('StatusChip: the status in words (never colour alone), its tone, in the reader’s language', () => {
  assert.equal(
    renderIn('en', <StatusChip status="revoked" />),
    '<span class="chip bad" data-status="revoked">Revoked</span>',
  );
  assert.equal(
    renderIn('es', <StatusChip status="active" />),
    '<span class="chip ok" data-status="active">Vigente</span>',
  );
});
