import Papa from "papaparse";
import { parseNumber } from "./numbers";
import type { ParsedTable } from "./types";

/** Tables larger than this are refused before a byte is read: the page would run out of memory. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_COLUMNS = 2000;

const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** Bytes looked at up front to spot binary files and guess the delimiter. */
const SNIFF_BYTES = 64 * 1024;
const DELIMITERS = [",", ";", "\t", "|"];
const DELIMITER_NAMES: Record<string, string> = {
  ",": "comma",
  ";": "semicolon",
  "\t": "tab",
  "|": "pipe",
};

export type CsvErrorCode =
  | "empty"
  | "binary"
  | "too-large"
  | "too-many-columns"
  | "no-rows"
  | "no-header"
  | "parse"
  /** Read, but nothing can be trained on it (see trainable.ts). */
  | "untrainable";

/** A file the studio cannot read as a table. The message is written for the person who dropped it. */
export class CsvError extends Error {
  readonly code: CsvErrorCode;

  constructor(code: CsvErrorCode, message: string) {
    super(message);
    this.name = "CsvError";
    this.code = code;
  }
}

export interface ParseCsvOptions {
  fileName: string;
  /** Bytes read per slice of the Blob (default 1 MiB). */
  chunkBytes?: number;
  /** Called after each slice. A file that turns out not to be UTF-8 is read again from 0. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Aborting rejects with `signal.reason` (a DOMException named "AbortError" by default). */
  signal?: AbortSignal;
}

/** Cell texts read as missing (after trimming). */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(
  "|NA|N/A|n/a|na|#N/A|null|NULL|Null|NaN|nan|?|-".split("|"),
);

/**
 * True for the usual spellings of a missing value. "None" is not one of them: it is a real category
 * in many tables (e.g. "no veneer"), and Python's CSV writers write missing values as "".
 */
export function isMissingMarker(text: string): boolean {
  return MISSING_MARKERS.has(text.trim());
}

const quoted = (fileName: string) => `\u201c${fileName}\u201d`;
const formatCount = (n: number) => n.toLocaleString("en-US");

function checkBinary(bytes: Uint8Array, fileName: string): void {
  const utf16 =
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) {
    throw new CsvError(
      "binary",
      `${quoted(fileName)} is saved as UTF-16, which the studio does not read. Save it as CSV (UTF-8) and try again.`,
    );
  }
  // Tab, line feed, form feed and carriage return are normal in text; NUL never is.
  const isControl = (b: number) =>
    (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 0x7f;
  const control = bytes.reduce((count, byte) => count + (isControl(byte) ? 1 : 0), 0);
  if (bytes.includes(0) || control > bytes.length * 0.1) {
    throw new CsvError(
      "binary",
      `${quoted(fileName)} does not look like a text table (it contains binary bytes). Drop a CSV or TSV file with a header row.`,
    );
  }
}

/** Thrown by the UTF-8 pass when a byte sequence is not UTF-8; the parse restarts as windows-1252. */
class NotUtf8 extends Error {}

/** Turns CRLF and lone CR into LF, also when a CRLF pair is split across two chunks. */
class NewlineNormalizer {
  private pendingCr = false;

  push(text: string, final: boolean): string {
    let joined = this.pendingCr ? "\r" + text : text;
    this.pendingCr = !final && joined.endsWith("\r");
    if (this.pendingCr) joined = joined.slice(0, -1);
    return joined.replace(/\r\n?/g, "\n");
  }
}

function guessDelimiter(sample: string, complete: boolean): string {
  const lastNewline = sample.lastIndexOf("\n");
  const whole = complete || lastNewline < 0 ? sample : sample.slice(0, lastNewline);
  const result = Papa.parse<string[]>(whole, {
    delimitersToGuess: DELIMITERS,
    newline: "\n",
    preview: 20,
    skipEmptyLines: true,
  });
  return DELIMITERS.includes(result.meta.delimiter) ? result.meta.delimiter : ",";
}

type Listener = (value?: unknown) => void;

/**
 * Just enough of a Node readable stream for papaparse's ReadableStreamStreamer, which parses each
 * "data" event as it arrives and keeps an unfinished last row for the next one.
 */
class TextChunkStream {
  readonly readable = true;
  private readonly listeners = new Map<string, Listener>();

  read = (): null => null;
  pause(): void {}
  resume(): void {}
  on(event: string, listener: Listener): void {
    this.listeners.set(event, listener);
  }
  removeListener(event: string): void {
    this.listeners.delete(event);
  }
  emit(event: string, value?: unknown): void {
    this.listeners.get(event)?.(value);
  }
}

/** Collects papaparse's rows column-major: header, ragged rows and renamed columns. */
class TableBuilder {
  headers: string[] | null = null;
  columns: Array<Array<string | null>> = [];
  rowCount = 0;
  notes: string[] = [];
  private line = 1;
  private raggedCount = 0;
  private firstRagged: { line: number; fields: number } | null = null;

  constructor(private readonly fileName: string) {}

  addRow(row: string[]): void {
    const line = this.line;
    this.line += 1;
    for (const field of row) {
      for (let at = field.indexOf("\n"); at >= 0; at = field.indexOf("\n", at + 1)) this.line++;
    }
    if (row.length === 1 && (row[0] ?? "").trim() === "") return;
    if (!this.headers) return this.setHeaders(row);
    if (row.length !== this.headers.length) {
      this.raggedCount++;
      this.firstRagged ??= { line, fields: row.length };
      return;
    }
    row.forEach((field, c) => {
      const value = field.trim();
      this.columns[c]?.push(MISSING_MARKERS.has(value) ? null : value);
    });
    this.rowCount++;
  }

  private setHeaders(row: string[]): void {
    const name = quoted(this.fileName);
    if (row.length > MAX_COLUMNS) {
      throw new CsvError(
        "too-many-columns",
        `${name} has ${formatCount(row.length)} columns; the studio reads tables with up to ${formatCount(MAX_COLUMNS)} columns. Remove columns and try again.`,
      );
    }
    const trimmed = row.map((field) => field.trim());
    // A first row of numbers (or blanks) is data: a header row was left out.
    if (trimmed.every((field) => field === "" || !Number.isNaN(parseNumber(field, false)))) {
      throw new CsvError(
        "no-header",
        `The first row of ${name} holds no column names (it reads \u201c${trimmed.slice(0, 4).join(",")}\u201d). Add a header row with a name for each column and try again.`,
      );
    }
    const used = new Set<string>();
    const unnamed: string[] = [];
    const renamed: string[] = [];
    this.headers = trimmed.map((field, c) => {
      let header = field === "" ? `column_${c + 1}` : field;
      if (field === "") unnamed.push(header);
      if (used.has(header)) {
        let suffix = 2;
        while (used.has(`${header}_${suffix}`)) suffix++;
        renamed.push(`\u201c${header}\u201d \u2192 \u201c${header}_${suffix}\u201d`);
        header = `${header}_${suffix}`;
      }
      used.add(header);
      return header;
    });
    this.columns = this.headers.map(() => []);
    if (unnamed.length > 0) {
      this.notes.push(`Columns without a name were named ${unnamed.join(", ")}.`);
    }
    if (renamed.length > 0)
      this.notes.push(`Repeated column names were renamed: ${renamed.join(", ")}.`);
  }

  finish(delimiter: string): void {
    const name = quoted(this.fileName);
    if (!this.headers) {
      throw new CsvError(
        "empty",
        `${name} is empty. Drop a CSV or TSV file with a header row and at least one data row.`,
      );
    }
    const fieldCount = this.headers.length;
    if (this.raggedCount > this.rowCount) {
      const total = this.raggedCount + this.rowCount;
      throw new CsvError(
        "parse",
        `Most rows of ${name} (${formatCount(this.raggedCount)} of ${formatCount(total)}) do not have the ${fieldCount} fields of the header row, so the file looks malformed. Check that every row uses the same delimiter (the studio read it as ${DELIMITER_NAMES[delimiter] ?? delimiter}-separated) and that quotes are balanced, then try again.`,
      );
    }
    if (this.rowCount === 0) {
      throw new CsvError(
        "no-rows",
        `${name} has a header row but no data rows. Add rows below the header and try again.`,
      );
    }
    if (this.firstRagged) {
      const { line, fields } = this.firstRagged;
      const rows =
        this.raggedCount === 1 ? "1 row had" : `${formatCount(this.raggedCount)} rows had`;
      this.notes.push(
        `${rows} the wrong number of fields and ${this.raggedCount === 1 ? "was" : "were"} skipped (first: line ${line}, ${fields} fields instead of ${fieldCount}).`,
      );
    }
  }
}

async function readSlice(source: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await source.slice(start, end).arrayBuffer());
}

async function parseWithEncoding(
  source: Blob,
  options: ParseCsvOptions,
  encoding: ParsedTable["encoding"],
  sniff: Uint8Array,
): Promise<ParsedTable> {
  const { fileName, onProgress, signal } = options;
  const chunkBytes = Math.max(1, Math.floor(options.chunkBytes ?? DEFAULT_CHUNK_BYTES));
  const fatal = encoding === "utf-8";
  const decode = (decoder: TextDecoder, bytes?: Uint8Array): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch (error) {
      if (fatal && error instanceof TypeError) throw new NotUtf8();
      throw error;
    }
  };

  const sampleText = new NewlineNormalizer().push(
    decode(new TextDecoder(encoding, { fatal }), sniff),
    true,
  );
  const delimiter = guessDelimiter(sampleText, sniff.length === source.size);

  const builder = new TableBuilder(fileName);
  let failure: unknown = null;
  const stream = new TextChunkStream();
  Papa.parse<string[], File>(stream as unknown as File, {
    delimiter,
    newline: "\n",
    chunk: (results) => {
      if (failure) return;
      try {
        for (const row of results.data) builder.addRow(row);
        if (results.errors.some((error) => error.code === "MissingQuotes")) {
          builder.notes.push(
            "A quoted value is never closed, so everything after its opening quote was read as one value.",
          );
        }
      } catch (error) {
        failure = error;
      }
    },
    error: (error) => {
      failure ??= error;
    },
    complete: () => {},
  });
  const push = (text: string) => {
    if (text) stream.emit("data", text);
    if (failure) throw failure;
  };

  const decoder = new TextDecoder(encoding, { fatal });
  const newlines = new NewlineNormalizer();
  let first = true;
  for (let start = 0; start < source.size; start += chunkBytes) {
    signal?.throwIfAborted();
    const end = Math.min(source.size, start + chunkBytes);
    let text = newlines.push(decode(decoder, await readSlice(source, start, end)), false);
    // TextDecoder strips a UTF-8 byte order mark only when it decodes UTF-8.
    if (first && !fatal && text.startsWith("\u00ef\u00bb\u00bf")) text = text.slice(3);
    if (text) first = false;
    push(text);
    onProgress?.(end, source.size);
  }
  push(newlines.push(decode(decoder), true));
  stream.emit("end");
  if (failure) throw failure;
  builder.finish(delimiter);

  if (encoding === "windows-1252") {
    builder.notes.push(
      `${quoted(fileName)} is not UTF-8, so it was read as Windows-1252 (Western European). If accented letters look wrong, save the file as UTF-8 and load it again.`,
    );
  }
  return {
    version: 1,
    fileName,
    headers: builder.headers ?? [],
    columns: builder.columns,
    rowCount: builder.rowCount,
    delimiter,
    encoding,
    notes: builder.notes,
  };
}

/**
 * Parses a CSV/TSV Blob in slices, never holding its whole text: bytes are decoded with a
 * streaming TextDecoder and fed to papaparse chunk by chunk. Rejects with a CsvError a person can
 * act on, or with `signal.reason` when aborted.
 */
export async function parseCsv(source: Blob, options: ParseCsvOptions): Promise<ParsedTable> {
  const { fileName, signal } = options;
  signal?.throwIfAborted();
  if (source.size > MAX_FILE_BYTES) {
    const megabytes = (source.size / (1024 * 1024)).toFixed(1);
    throw new CsvError(
      "too-large",
      `${quoted(fileName)} is ${megabytes} MB; the studio reads tables up to ${MAX_FILE_BYTES / (1024 * 1024)} MB. Remove rows or columns and try again.`,
    );
  }
  const sniff = await readSlice(source, 0, Math.min(source.size, SNIFF_BYTES));
  checkBinary(sniff, fileName);
  try {
    return await parseWithEncoding(source, options, "utf-8", sniff);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    return parseWithEncoding(source, options, "windows-1252", sniff);
  }
}

/** Parses text already in memory (samples, tests). */
export async function parseCsvText(text: string, fileName = "data.csv"): Promise<ParsedTable> {
  return parseCsv(new Blob([text]), { fileName });
}
