import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlashMessage } from './Flash.tsx';
import { renderIn } from './testRender.tsx';

test('Flash: a status (an alert for errors) that says its kind in words, in the reader’s language', () => {
  assert.equal(
    renderIn('en', <FlashMessage flash={{ kind: 'success', text: 'Invitation sent.' }} />),
    '<p class="flash success" role="status" data-kind="Done:">Invitation sent.</p>',
  );
  assert.match(
    renderIn('es', <FlashMessage flash={{ kind: 'error', text: 'x' }} />),
    /role="alert" data-kind="Problema:">x</,
  );
});
