/**
 * A small streaming CSV parser (RFC 4180, and what spreadsheets really write): quoted fields
 * with doubled quotes, commas and line breaks inside quotes, CRLF / LF / CR line ends, a UTF-8
 * byte-order mark, blank lines skipped. The delimiter is a comma, or a semicolon or tab when the
 * header line has one and no comma (spreadsheets in many locales). Text is fed in chunks of any
 * size; only the current record is held, so memory stays flat however long the file.
 */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** One record and the line it starts on (1-based, counting physical lines). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

export interface CsvOptions {
  /** Longest field accepted (characters): a stray quote must not swallow the whole file. */
  maxFieldLength?: number;
  /** Most fields in one record. */
  maxFields?: number;
}

export class CsvParser {
  #delimiter: string | null = null;
  #field = '';
  #cells: string[] = [];
  #quoted = false;
  /** Inside quotes. */
  #inQuotes = false;
  /** Just saw a quote inside quotes: either the closing quote or the first of a doubled pair. */
  #quotePending = false;
  #afterCr = false;
  #started = false;
  #line = 1;
  #recordLine = 1;
  #bomChecked = false;
  #pendingHeader = '';
  readonly #maxField: number;
  readonly #maxFields: number;

  constructor(options: CsvOptions = {}) {
    this.#maxField = options.maxFieldLength ?? 100_000;
    this.#maxFields = options.maxFields ?? 1_000;
  }

  /** Feeds text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    if (!this.#bomChecked) {
      if (text.length === 0) return [];
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.#bomChecked = true;
    }
    if (this.#delimiter === null) {
      // Wait for the end of the header line (or the end of input) before choosing the delimiter.
      this.#pendingHeader += text;
      const end = this.#pendingHeader.search(/[\r\n]/);
      if (end < 0 && this.#pendingHeader.length < 65_536) return [];
      const first = end < 0 ? this.#pendingHeader : this.#pendingHeader.slice(0, end);
      this.#delimiter = first.includes(',') ? ',' : first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
      text = this.#pendingHeader;
      this.#pendingHeader = '';
    }
    const out: CsvRecord[] = [];
    const d = this.#delimiter;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.#afterCr) {
        this.#afterCr = false;
        if (ch === '\n') continue; // CRLF: the CR already ended the line
      }
      if (this.#inQuotes) {
        if (this.#quotePending) {
          this.#quotePending = false;
          if (ch === '"') {
            this.#append('"');
            continue;
          }
          this.#inQuotes = false; // that quote closed the field; handle ch below
        } else if (ch === '"') {
          this.#quotePending = true;
          continue;
        } else {
          if (ch === '\n' || ch === '\r') {
            this.#line++;
            if (ch === '\r') this.#afterCr = true;
            // Keep the line break as written, normalised to \n.
            this.#append('\n');
          } else this.#append(ch);
          continue;
        }
      }
      if (ch === '"') {
        if (this.#field.length === 0 && !this.#quoted) {
          this.#inQuotes = true;
          this.#quoted = true;
          this.#started = true;
          continue;
        }
        if (this.#quoted) throw new CsvError(`Line ${this.#line}: a quoted field must end with a quote followed by "${d}" or the end of the line.`, this.#line);
        this.#append(ch); // a stray quote in an unquoted field is kept as text
        continue;
      }
      if (ch === d) {
        this.#endField();
        this.#started = true;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        if (ch === '\r') this.#afterCr = true;
        const record = this.#endRecord();
        if (record) out.push(record);
        this.#line++;
        this.#recordLine = this.#line;
        continue;
      }
      if (this.#quoted) throw new CsvError(`Line ${this.#line}: a quoted field must end with a quote followed by "${d}" or the end of the line.`, this.#line);
      this.#append(ch);
      this.#started = true;
    }
    return out;
  }

  /** Ends the input; returns the last record if the file did not end with a line break. */
  end(): CsvRecord[] {
    const out = this.#pendingHeader ? this.#flushHeader() : [];
    if (this.#inQuotes && !this.#quotePending) throw new CsvError(`Line ${this.#recordLine}: a quoted field is never closed (a quote is missing).`, this.#recordLine);
    this.#inQuotes = false;
    this.#quotePending = false;
    const record = this.#endRecord();
    if (record) out.push(record);
    return out;
  }

  #flushHeader(): CsvRecord[] {
    const text = this.#pendingHeader;
    this.#pendingHeader = '';
    this.#delimiter = text.includes(',') ? ',' : text.includes(';') ? ';' : text.includes('\t') ? '\t' : ',';
    return this.push(text);
  }

  #append(ch: string): void {
    this.#field += ch;
    if (this.#field.length > this.#maxField) throw new CsvError(`Line ${this.#recordLine}: a field is longer than ${this.#maxField} characters (is a quote missing?).`, this.#recordLine);
  }

  #endField(): void {
    this.#cells.push(this.#field);
    if (this.#cells.length > this.#maxFields) throw new CsvError(`Line ${this.#recordLine}: more than ${this.#maxFields} fields.`, this.#recordLine);
    this.#field = '';
    this.#quoted = false;
  }

  #endRecord(): CsvRecord | null {
    if (!this.#started && this.#cells.length === 0 && this.#field.length === 0) return null; // blank line
    this.#endField();
    const cells = this.#cells;
    this.#cells = [];
    this.#started = false;
    // A line of only delimiters (",,,") is blank too.
    if (cells.every((c) => c === '')) return null;
    return { cells, line: this.#recordLine };
  }
}

/** Parses a stream of text or UTF-8 bytes, yielding records as they complete. */
export async function* parseCsv(source: AsyncIterable<string | Uint8Array>, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(options);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of source) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      yield* parser.push(text);
    }
    yield* parser.push(decoder.decode());
  } catch (err) {
    if (err instanceof TypeError && /decode|encoded/i.test(err.message)) throw new CsvError('The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.', 0);
    throw err;
  }
  yield* parser.end();
}

/** Parses a whole string (tests, small files). */
export function parseCsvText(text: string, options: CsvOptions = {}): string[][] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()].map((r) => r.cells);
}
