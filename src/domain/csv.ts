import { pipeline, Readable } from 'node:stream';
import { parse as parseStream, CsvError as LibraryCsvError, type InfoRecord, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { commandMessage } from '../web/i18n/commandMessages.ts';
import type { MessageValues } from '../web/i18n/i18n.ts';
import type { files } from '../web/i18n/locales/en/errors/files.ts';

/**
 * CSV rosters, read with csv-parse (RFC 4180 and what spreadsheets really write): UTF-8 (a
 * byte-order mark is dropped), quoted fields with doubled quotes, delimiters and line breaks
 * inside quotes, CRLF / LF / CR line ends (mixed too), blank lines and lines of only delimiters
 * skipped. The delimiter is a comma, or a semicolon or tab when the header line has one and no
 * comma (spreadsheets in many locales). This module adds what a roster needs on top: the line
 * each record starts on (people look rows up by it), line breaks inside cells normalised to \n,
 * bounds on a record's size and field count (a hostile file cannot grow memory), and errors in
 * plain words that name the line.
 */
export class CsvError extends Error {
  /** The catalogue message (`errors.files.csv.<problem>`); `message` is its English. */
  readonly key: `errors.files.csv.${CsvProblem}`;
  constructor(
    problem: CsvProblem,
    readonly values: MessageValues,
    /** The line the problem is on (1-based), or 0 for the whole file. */
    readonly line: number,
  ) {
    const key = `errors.files.csv.${problem}` as const;
    super(commandMessage(key, values));
    this.key = key;
    this.name = 'CsvError';
  }
}

/** Why a CSV file cannot be read (the catalogue's `errors.files.csv`). */
export type CsvProblem = keyof typeof files.csv;

/** One record and the line it starts on (1-based, counting physical lines). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

export interface CsvOptions {
  /** Largest record accepted (bytes of its fields): a stray quote must not swallow the whole file. */
  maxRecordSize?: number;
  /** Most fields in one record (a line of a million commas is a million fields). */
  maxFields?: number;
}

const DEFAULT_MAX_RECORD_SIZE = 1_000_000;
const DEFAULT_MAX_FIELDS = 1_000;
/** The header line is looked at up to this many bytes to choose the delimiter. */
const HEADER_SCAN = 65_536;
/** The parser is fed at most this many bytes at a time. */
const CHUNK = 65_536;

type Delimiter = ',' | ';' | '\t';

/** Comma, unless the header line has none and a semicolon or tab instead. */
function delimiterOf(headerLine: string): Delimiter {
  return headerLine.includes(',')
    ? ','
    : headerLine.includes(';')
      ? ';'
      : headerLine.includes('\t')
        ? '\t'
        : ',';
}

function firstLine(text: string): string {
  const end = text.search(/[\r\n]/);
  return end < 0 ? text : text.slice(0, end);
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The csv-parse options for rosters, with the bookkeeping that turns its records into CsvRecords.
 * csv-parse reports the line a record ends on (and counts a CRLF inside quotes twice), so the
 * start line is counted here: the next record starts after the previous one's last line and the
 * blank lines skipped since (csv-parse counts those in `empty_lines`).
 */
function roster(delimiter: Delimiter, options: CsvOptions) {
  const maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  const maxFields = options.maxFields ?? DEFAULT_MAX_FIELDS;
  let nextLine = 1;
  let emptySeen = 0;
  /** The start line of each record csv-parse has produced and the reader not yet taken, in order. */
  const lines: number[] = [];
  const parserOptions: Options = {
    delimiter,
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: false,
    max_record_size: maxRecordSize,
    on_record: (cells: string[], info: InfoRecord): string[] | null => {
      const line = nextLine + (info.empty_lines - emptySeen);
      emptySeen = info.empty_lines;
      let breaks = 0;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        if (cell.includes('\n') || cell.includes('\r')) {
          cells[i] = cell.replace(LINE_BREAK, () => {
            breaks++;
            return '\n';
          });
        }
      }
      nextLine = line + breaks + 1;
      if (cells.length > maxFields)
        throw new CsvError('tooManyFields', { line, max: maxFields.toLocaleString('en') }, line);
      // A line of only delimiters (",,,") is blank too.
      if (cells.every((c) => c === '')) return null;
      lines.push(line);
      return cells;
    },
  };
  /** The library's error in plain words, at the line the failing record starts on. */
  const translate = (err: unknown): unknown => {
    if (!(err instanceof LibraryCsvError)) return err;
    const emptyLines = (err as LibraryCsvError & { empty_lines?: number }).empty_lines ?? emptySeen;
    const line = nextLine + (emptyLines - emptySeen);
    const say = (problem: CsvProblem, values: MessageValues = {}) =>
      new CsvError(problem, { line, ...values }, line);
    switch (err.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return say('quoteNotClosed');
      case 'CSV_INVALID_CLOSING_QUOTE':
        return delimiter === '\t' ? say('closingQuoteTab') : say('closingQuote', { delimiter });
      case 'INVALID_OPENING_QUOTE':
        return say('quoteInField');
      case 'CSV_MAX_RECORD_SIZE':
        return say('recordTooLong', { max: maxRecordSize.toLocaleString('en') });
      default:
        return say('notCsv', { reason: err.message });
    }
  };
  return {
    parserOptions,
    translate,
    maxRecordSize,
    /** The line the next record starts on, given the blank lines csv-parse has skipped so far. */
    lineAt: (emptyLines: number) => nextLine + (emptyLines - emptySeen),
    /** The start line of the record just taken from the parser. */
    lineOf: () => lines.shift() ?? 0,
  };
}

/** The source as bytes, checked to be UTF-8 as it goes (a character may be split across chunks). */
async function* utf8Bytes(source: AsyncIterable<string | Uint8Array>): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of source) {
      let bytes: Buffer;
      if (typeof chunk === 'string') bytes = Buffer.from(chunk, 'utf8');
      else {
        decoder.decode(chunk, { stream: true });
        bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
      // At most 64 KiB at a time, so the size check in parseCsv sees the file in small steps.
      for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
    }
    decoder.decode();
  } catch (err) {
    if (err instanceof TypeError && /decode|encoded/i.test(err.message)) throw new CsvError('notUtf8', {}, 0);
    throw err;
  }
}

/**
 * Parses a stream of text or UTF-8 bytes, yielding records as they complete. The stream is read
 * as the records are consumed (csv-parse holds a bounded queue), so memory stays flat however
 * long the file; stopping early closes the source.
 */
export async function* parseCsv(
  source: AsyncIterable<string | Uint8Array>,
  options: CsvOptions = {},
): AsyncGenerator<CsvRecord> {
  const bytes = utf8Bytes(source);
  // Read up to the end of the header line (or 64 KiB) to choose the delimiter.
  const head: Buffer[] = [];
  let headSize = 0;
  for (;;) {
    const next = await bytes.next();
    if (next.done) break;
    head.push(next.value);
    headSize += next.value.length;
    if (next.value.includes(0x0a) || next.value.includes(0x0d) || headSize >= HEADER_SCAN) break;
  }
  const start = Buffer.concat(head);
  const { parserOptions, translate, maxRecordSize, lineAt, lineOf } = roster(
    delimiterOf(firstLine(start.subarray(0, HEADER_SCAN).toString('utf8'))),
    options,
  );
  const parser = parseStream(parserOptions);
  // csv-parse bounds the bytes of a record's fields (max_record_size) but not their number: a
  // line of a million delimiters is a million empty fields, held until the record ends. So the
  // raw bytes read since csv-parse last finished a record (or skipped a blank line) are bounded
  // here too, checked between chunks.
  const maxRawRecord = 2 * maxRecordSize;
  async function* all(): AsyncGenerator<Buffer> {
    let progress = -1;
    let since = 0;
    const check = (chunk: Buffer) => {
      const now = parser.info.records + parser.info.empty_lines;
      if (now !== progress) {
        progress = now;
        since = 0;
      }
      since += chunk.length;
      if (since > maxRawRecord) {
        const line = lineAt(parser.info.empty_lines);
        throw new CsvError('recordTooLong', { line, max: maxRawRecord.toLocaleString('en') }, line);
      }
    };
    try {
      if (start.length) {
        check(start);
        yield start;
      }
      for (;;) {
        const next = await bytes.next();
        if (next.done) return;
        check(next.value);
        yield next.value;
      }
    } finally {
      await bytes.return(undefined);
    }
  }
  // Errors reach the loop below through the parser; the callback only keeps them from being unhandled.
  pipeline(Readable.from(all(), { objectMode: false }), parser, () => {});
  try {
    for await (const cells of parser as AsyncIterable<string[]>) yield { cells, line: lineOf() };
  } catch (err) {
    throw translate(err);
  }
}

/** Parses a whole string (tests, small files). */
export function parseCsvText(text: string, options: CsvOptions = {}): string[][] {
  const { parserOptions, translate } = roster(delimiterOf(firstLine(text.replace(/^\uFEFF/, ''))), options);
  try {
    return parseSync(text, parserOptions);
  } catch (err) {
    throw translate(err);
  }
}
