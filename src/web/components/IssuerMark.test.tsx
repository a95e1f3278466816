import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialsOf, IssuerMark, toneOf } from './IssuerMark.tsx';
import { renderIn } from './testRender.tsx';

test('initials: two words give two letters, one word its first two, symbols and accents handled', () => {
  assert.equal(initialsOf('Harbour Teachers Union'), 'HT');
  assert.equal(initialsOf('Cairn'), 'CA');
  assert.equal(initialsOf('  état   de l’Art '), 'ÉD');
  assert.equal(initialsOf('Z'), 'Z');
  assert.equal(initialsOf('—'), '?');
});

test('a name keeps its tone; the tone is one of the stylesheet’s five', () => {
  assert.equal(toneOf('Union Academy'), toneOf('Union Academy'));
  assert.match(toneOf('Union Academy'), /^tone-[1-5]$/);
});

test('IssuerMark: a monogram (decoration beside the name, or named), or the logo', () => {
  const beside = renderIn('en', <IssuerMark name="Union Academy" />);
  assert.match(beside, /<svg class="issuer-mark tone-\d"[^>]*aria-hidden="true"/);
  assert.match(beside, />UA<\/text>/);
  const named = renderIn('es', <IssuerMark name="Union Academy" labelled />);
  assert.match(named, /role="img" aria-label="Logotipo de Union Academy"/);
  const logo = renderIn('en', <IssuerMark name="Union Academy" logoUrl="/logo.png" labelled />);
  assert.match(logo, /<img class="issuer-mark" src="\/logo.png" alt="Logo of Union Academy"/);
  assert.match(renderIn('en', <IssuerMark name="U" logoUrl="/logo.png" />), /alt=""/);
});
