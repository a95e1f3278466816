import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CsvError, parseCsv, parseCsvText, type CsvOptions, type CsvRecord } from './csv.ts';
import { translator } from '../web/i18n/i18n.ts';
import { translateMessage } from '../web/i18n/commandMessages.ts';

/** Bytes in chunks of `size`, as an upload arrives. */
async function* bytesOf(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function records(
  source: AsyncIterable<string | Uint8Array>,
  options: CsvOptions = {},
): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of parseCsv(source, options)) out.push(r);
  return out;
}

test('CSV: quotes, doubled quotes, commas and line breaks inside quotes', () => {
  assert.deepEqual(parseCsvText('a,b,c\n"x, y","say ""hi""","line one\nline two"\n'), [
    ['a', 'b', 'c'],
    ['x, y', 'say "hi"', 'line one\nline two'],
  ]);
});

test('CSV: CRLF, lone CR, BOM, blank lines, lines of only delimiters and a missing final line break', () => {
  assert.deepEqual(
    parseCsvText('\uFEFFemail,name\r\n\r\na@x.org,Ada\r\n,\rb@x.org,"Bo\r\nB"\r\n\r\nc@x.org,Cy'),
    [
      ['email', 'name'],
      ['a@x.org', 'Ada'],
      ['b@x.org', 'Bo\nB'],
      ['c@x.org', 'Cy'],
    ],
  );
});

test('CSV: empty fields, trailing delimiters and an empty quoted field are kept', () => {
  assert.deepEqual(parseCsvText('a,b,c\n1,,3\n"",2,\n'), [
    ['a', 'b', 'c'],
    ['1', '', '3'],
    ['', '2', ''],
  ]);
});

test('CSV: semicolon and tab delimited files (spreadsheet locales), chosen from the header line', async () => {
  assert.deepEqual(parseCsvText('email;credits\na@x.org;1,5\n'), [
    ['email', 'credits'],
    ['a@x.org', '1,5'],
  ]);
  assert.deepEqual(parseCsvText('email\tname\na@x.org\tAda, Lovelace\n'), [
    ['email', 'name'],
    ['a@x.org', 'Ada, Lovelace'],
  ]);
  // The same rule on a stream whose header line arrives a byte at a time, after a BOM.
  const streamed = await records(bytesOf('\uFEFFemail;credits\r\na@x.org;1,5\r\n', 1));
  assert.deepEqual(
    streamed.map((r) => r.cells),
    [
      ['email', 'credits'],
      ['a@x.org', '1,5'],
    ],
  );
});

test('CSV: records report the line they start on, across byte chunks split anywhere', async () => {
  const text =
    'email,note\r\na@x.org,"two\r\nlines"\r\n\r\nb@x.org,"q""uote"\r\n,,\n"three\rline\nbreaks",x\n\nc@x.org,Zoë\n';
  const expected = [
    [1, 'email', 'note'],
    [2, 'a@x.org', 'two\nlines'],
    [5, 'b@x.org', 'q"uote'],
    [7, 'three\nline\nbreaks', 'x'],
    [11, 'c@x.org', 'Zoë'],
  ];
  for (let size = 1; size <= text.length + 1; size++) {
    const got = await records(bytesOf(text, size));
    assert.deepEqual(
      got.map((r) => [r.line, ...r.cells]),
      expected,
      `chunks of ${size}`,
    );
  }
});

test('CSV: malformed files are errors in plain words that name the line the record starts on', async () => {
  const fails = (text: string, pattern: RegExp, line: number) =>
    assert.throws(
      () => parseCsvText(text),
      (e: unknown) =>
        e instanceof CsvError &&
        pattern.test(e.message) &&
        e.line === line &&
        e.message.startsWith(`Line ${line}: `),
      text,
    );
  fails('a,b\n1,"never closed\n2,3\n', /never closed/, 2);
  fails('a,b\n1,2\n\n"x"y,3\n', /must end with a quote followed by ","/, 4);
  fails('a;b\n1;2\n"x"y;3\n', /followed by ";"/, 3);
  fails('a,b\n"multi\nline",ok\nO"Brien,2\n', /quote appears in the middle of a field/, 4);
  // The stream reports the same line.
  await assert.rejects(
    records(bytesOf('a,b\r\n\r\n"x\r\ny",1\r\n1,"never closed\r\n2,3\r\n', 5)),
    (e: unknown) => e instanceof CsvError && e.line === 5 && /never closed/.test(e.message),
  );
});

test('CSV: an error is a catalogue message with its values, said again in the reader’s language', () => {
  const caught = (text: string, options?: CsvOptions): CsvError => {
    try {
      parseCsvText(text, options);
    } catch (err) {
      if (err instanceof CsvError) return err;
      throw err;
    }
    throw new Error('expected a CsvError');
  };
  const es = translator('es');
  const unclosed = caught('a,b\n1,"never closed\n');
  assert.equal(unclosed.key, 'errors.files.csv.quoteNotClosed');
  assert.deepEqual(unclosed.values, { line: 2 });
  assert.equal(unclosed.line, 2);
  assert.equal(unclosed.message, 'Line 2: a quoted field is never closed (a quote is missing).');
  assert.equal(es.t(unclosed.key, unclosed.values), translateMessage(es, unclosed.message));
  assert.equal(
    translateMessage(es, unclosed.message),
    'Línea 2: un campo entre comillas no se cierra nunca (falta una comilla).',
  );
  const tab = caught('a\tb\n"x"y\t3\n');
  assert.equal(tab.key, 'errors.files.csv.closingQuoteTab');
  assert.match(translateMessage(es, tab.message), /^Línea 2: .* seguida de un tabulador /);
  assert.equal(
    translateMessage(es, caught('a,b\n1,2,3\n', { maxFields: 2 }).message),
    'Línea 2: tiene más de 2 campos.',
  );
  // English readers get the English unchanged.
  assert.equal(translateMessage(translator('en'), unclosed.message), unclosed.message);
});

test('CSV: a record is bounded in size and fields, and the source is read no further than that', async () => {
  assert.throws(
    () => parseCsvText(`a\n"${'x'.repeat(200)}`, { maxRecordSize: 100 }),
    (e: unknown) => e instanceof CsvError && /Line 2: a record is longer than 100 bytes/.test(e.message),
  );
  assert.throws(
    () => parseCsvText(`a\n${','.repeat(20)}x\n`, { maxFields: 10 }),
    (e: unknown) => e instanceof CsvError && e.message === 'Line 2: more than 10 fields.',
  );
  // A hostile upload: an opening quote and then (up to) a gigabyte with no closing quote, or a
  // gigabyte of delimiters. Produced lazily; the parser must stop after about its limit.
  for (const [filler, pattern] of [
    ['x', /longer than 1,000,000 bytes/],
    [',', /longer than 2,000,000 bytes/],
  ] as const) {
    let pulled = 0;
    async function* hostile(): AsyncGenerator<string> {
      yield filler === 'x' ? 'email,name\na@x.org,"' : 'email,name\n';
      const chunk = filler.repeat(65_536);
      for (let i = 0; i < 16_384; i++) {
        pulled++;
        yield chunk;
      }
    }
    await assert.rejects(
      records(hostile()),
      (e: unknown) => e instanceof CsvError && e.line === 2 && pattern.test(e.message),
    );
    assert.ok(pulled < 48, `read ${pulled} chunks of 64 KiB before giving up`);
  }
});

test('CSV: stopping early closes the source', async () => {
  let closed = false;
  async function* source(): AsyncGenerator<string> {
    try {
      for (let i = 0; ; i++) yield `${i === 0 ? 'n\n' : ''}${'row\n'.repeat(1000)}`;
    } finally {
      closed = true;
    }
  }
  let seen = 0;
  for await (const _ of parseCsv(source())) {
    void _;
    if (++seen === 5) break;
  }
  // The source is closed once the parser lets go of it.
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(seen, 5);
  assert.equal(closed, true);
});

test('CSV: a stream of UTF-8 bytes split inside a multi-byte character; other encodings are refused', async () => {
  const got = await records(bytesOf('name,email\nZoë Šimić,z@x.org\n', 3));
  assert.deepEqual(
    got.map((r) => r.cells),
    [
      ['name', 'email'],
      ['Zoë Šimić', 'z@x.org'],
    ],
  );
  async function* latin1() {
    yield new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb, 0x0a]);
  }
  await assert.rejects(
    records(latin1()),
    (e: unknown) => e instanceof CsvError && /not UTF-8/.test(e.message),
  );
});

/** A CSV writer as spreadsheets write: quote a field when it needs it, double its quotes. */
function write(rows: string[][], delimiter: string, lineEnd: string): string {
  const cell = (c: string) =>
    /["\r\n]/.test(c) || c.includes(delimiter) || c === '' ? `"${c.replace(/"/g, '""')}"` : c;
  return rows.map((r) => r.map(cell).join(delimiter)).join(lineEnd) + lineEnd;
}

test('CSV: any roster a spreadsheet writes reads back cell for cell, each record at the line it starts on', async () => {
  const cellText = fc.string({
    unit: fc.constantFrom('a', 'é', ' ', ',', ';', '\t', '"', '\n', '\r\n', 'x'),
    maxLength: 12,
  });
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(',', ';', '\t'),
      fc.constantFrom('\n', '\r\n'),
      fc.integer({ min: 2, max: 4 }), // a header of one column has no delimiter to detect
      fc.array(fc.array(cellText, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 40 }),
      async (delimiter, lineEnd, columns, body, chunk) => {
        const header = Array.from({ length: columns }, (_, i) => `col${i}`);
        const rows = [header, ...body.filter((r) => r.some((c) => c !== ''))];
        const text = write(rows, delimiter, lineEnd);
        const got = await records(bytesOf(text, chunk));
        assert.deepEqual(
          got.map((r) => r.cells),
          rows.map((r) => r.map((c) => c.replace(/\r\n/g, '\n'))),
        );
        // Each record starts on the line after the previous one's last line.
        let line = 1;
        for (const [i, r] of got.entries()) {
          assert.equal(r.line, line, `record ${i}`);
          line += 1 + rows[i]!.join('').split(/\r\n|\n/).length - 1;
        }
      },
    ),
    { numRuns: 200 },
  );
});
