import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textLang, useTextLang } from './textLanguage.ts';
import { renderIn } from './testRender.tsx';

test('text in another language than the page’s is marked with its own; the page’s language is not repeated', () => {
  assert.equal(textLang('en', 'es'), 'en');
  assert.equal(textLang('es', 'en'), 'es');
  assert.equal(textLang('pt-BR', 'en'), 'pt-BR');
  assert.equal(textLang('en', 'en'), undefined);
  assert.equal(textLang('es-MX', 'es'), undefined, 'a regional variant of the page’s language');
  assert.equal(textLang('EN-gb', 'en'), undefined);
  assert.equal(textLang(undefined, 'es'), undefined, 'an unknown language is not guessed');
  assert.equal(textLang(' ', 'es'), undefined);
});

test('useTextLang reads the language of the page being rendered', () => {
  function Name({ language }: { language: string }) {
    return <h3 lang={useTextLang(language)}>Classroom Routines</h3>;
  }
  assert.equal(renderIn('es', <Name language="en" />), '<h3 lang="en">Classroom Routines</h3>');
  assert.equal(renderIn('en', <Name language="en" />), '<h3>Classroom Routines</h3>');
  assert.equal(renderIn('en', <Name language="es" />), '<h3 lang="es">Classroom Routines</h3>');
});
