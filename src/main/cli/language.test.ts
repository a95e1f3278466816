import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliLocale } from './language.ts';
import { localiseParseError } from './help.ts';

describe('the language of the cairn command', () => {
  test('CAIRN_LANG wins, then LC_ALL, LC_MESSAGES and LANG; else English', () => {
    assert.equal(cliLocale({}), 'en');
    assert.equal(cliLocale({ LANG: 'es_ES.UTF-8' }), 'es');
    assert.equal(cliLocale({ LANG: 'es_MX' }), 'es');
    assert.equal(cliLocale({ LANG: 'es_ES@euro' }), 'es');
    assert.equal(cliLocale({ LANG: 'C.UTF-8' }), 'en');
    assert.equal(cliLocale({ LANG: 'POSIX' }), 'en');
    assert.equal(cliLocale({ LANG: 'fr_FR.UTF-8' }), 'en');
    assert.equal(cliLocale({ LC_MESSAGES: 'es_ES.UTF-8', LANG: 'en_GB.UTF-8' }), 'es');
    assert.equal(cliLocale({ LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'es_ES.UTF-8' }), 'en');
    assert.equal(cliLocale({ LC_ALL: '', LANG: 'es_ES.UTF-8' }), 'es');
    assert.equal(cliLocale({ CAIRN_LANG: 'es', LC_ALL: 'en_US.UTF-8' }), 'es');
    assert.equal(cliLocale({ CAIRN_LANG: 'en', LANG: 'es_ES.UTF-8' }), 'en');
    assert.equal(cliLocale({ CAIRN_LANG: ' ES ', LANG: 'en_US' }), 'es');
  });

  test("commander's parse errors are reworded, and other text is left as it is", () => {
    // This process speaks English unless the environment says otherwise; the wording is English's.
    assert.match(
      localiseParseError("error: unknown option '--nope'\n(Did you mean --name?)\n"),
      /--nope[\s\S]*--name/,
    );
    assert.equal(localiseParseError('something else\n'), 'something else\n');
  });
});
