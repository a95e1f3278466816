import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { renderIn } from './testRender.tsx';

test('ConfirmDialog: the destructive post sits behind a question, with Cancel; no script needed', () => {
  const html = renderIn(
    'es',
    <ConfirmDialog
      action="/orgs/u/credentials/c1/revoke"
      csrfToken="tok"
      label="Revocar"
      confirmLabel="Sí, revocar"
      hidden={{ reason: 'error' }}
      cancelHref="/orgs/u/credentials/c1"
    />,
  );
  assert.match(html, /^<details class="confirm"><summary class="button danger">Revocar<\/summary>/);
  assert.match(html, /¿Seguro\? Esto no se puede deshacer\./);
  assert.match(html, /<form method="post" action="\/orgs\/u\/credentials\/c1\/revoke"/);
  assert.match(html, /name="_csrf" value="tok"/);
  assert.match(html, /<input type="hidden" name="reason" value="error"\/>/);
  assert.match(
    html,
    /<button type="submit" class="danger solid">Sí, revocar<\/button><a class="button secondary" href="\/orgs\/u\/credentials\/c1">Cancelar<\/a>/,
  );
  assert.doesNotMatch(html, /<script|onclick/);
});
