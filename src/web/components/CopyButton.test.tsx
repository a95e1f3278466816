import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CopyButton } from './CopyButton.tsx';
import { renderIn } from './testRender.tsx';

test('CopyButton: hidden until copy.js runs; labelled, with its "copied" word, in the reader’s language', () => {
  const html = renderIn('es', <CopyButton from="embed" label="Código para insertar" />);
  assert.match(html, /data-copy-from="embed"/);
  assert.match(html, /data-copied="Copiado"/);
  assert.match(html, /hidden=""/);
  assert.match(html, /aria-label="Copiar: Código para insertar">Copiar<\/button>/);
});
