import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, CsvParser, parseCsv, parseCsvText } from './csv.ts';

test('CSV: quotes, doubled quotes, commas and line breaks inside quotes', () => {
  assert.deepEqual(parseCsvText('a,b,c\n"x, y","say ""hi""","line one\nline two"\n'), [
    ['a', 'b', 'c'],
    ['x, y', 'say "hi"', 'line one\nline two'],
  ]);
});

test('CSV: CRLF, lone CR, BOM, blank lines and a missing final line break', () => {
  assert.deepEqual(parseCsvText('\uFEFFemail,name\r\n\r\na@x.org,Ada\r\n,\rb@x.org,"Bo\r\nB"\r\n\r\nc@x.org,Cy'), [
    ['email', 'name'],
    ['a@x.org', 'Ada'],
    ['b@x.org', 'Bo\nB'],
    ['c@x.org', 'Cy'],
  ]);
});

test('CSV: empty fields, trailing delimiters and an empty quoted field are kept', () => {
  assert.deepEqual(parseCsvText('a,b,c\n1,,3\n"",2,\n'), [
    ['a', 'b', 'c'],
    ['1', '', '3'],
    ['', '2', ''],
  ]);
});

test('CSV: semicolon and tab delimited files (spreadsheet locales)', () => {
  assert.deepEqual(parseCsvText('email;credits\na@x.org;1,5\n'), [
    ['email', 'credits'],
    ['a@x.org', '1,5'],
  ]);
  assert.deepEqual(parseCsvText('email\tname\na@x.org\tAda, Lovelace\n'), [
    ['email', 'name'],
    ['a@x.org', 'Ada, Lovelace'],
  ]);
});

test('CSV: records report the line they start on, across chunks split anywhere', () => {
  const text = 'email,note\r\na@x.org,"two\r\nlines"\r\n\r\nb@x.org,"q""uote"\r\n';
  for (let size = 1; size <= text.length; size++) {
    const parser = new CsvParser();
    const records = [];
    for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.slice(i, i + size)));
    records.push(...parser.end());
    assert.deepEqual(
      records.map((r) => [r.line, ...r.cells]),
      [
        [1, 'email', 'note'],
        [2, 'a@x.org', 'two\nlines'],
        [5, 'b@x.org', 'q"uote'],
      ],
      `chunks of ${size}`,
    );
  }
});

test('CSV: an unclosed quote and text after a closing quote are errors that name the line', () => {
  assert.throws(() => parseCsvText('a,b\n1,"never closed\n2,3\n'), (e: unknown) => e instanceof CsvError && /never closed/.test(e.message) && e.line === 2);
  assert.throws(() => parseCsvText('a,b\n1,2\n"x"y,3\n'), (e: unknown) => e instanceof CsvError && /Line 3/.test(e.message));
  assert.throws(() => parseCsvText(`a\n"${'x'.repeat(200)}`, { maxFieldLength: 100 }), /longer than 100/);
});

test('CSV: a stream of UTF-8 bytes split inside a multi-byte character', async () => {
  const bytes = new TextEncoder().encode('name,email\nZoë Šimić,z@x.org\n');
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 3) yield bytes.slice(i, i + 3);
  }
  const records = [];
  for await (const r of parseCsv(chunks())) records.push(r.cells);
  assert.deepEqual(records, [
    ['name', 'email'],
    ['Zoë Šimić', 'z@x.org'],
  ]);
  async function* latin1() {
    yield new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb, 0x0a]);
  }
  await assert.rejects(async () => {
    for await (const _ of parseCsv(latin1())) void _;
  }, /not UTF-8/);
});
