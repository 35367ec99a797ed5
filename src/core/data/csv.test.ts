import { describe, expect, it } from "vitest";
import {
  CsvError,
  MAX_COLUMNS,
  MAX_FILE_BYTES,
  isMissingMarker,
  parseCsv,
  parseCsvText,
} from "./csv";

async function expectCsvError(
  promise: Promise<unknown>,
  code: CsvError["code"],
): Promise<CsvError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CsvError);
  expect((error as CsvError).code).toBe(code);
  return error as CsvError;
}

const bytesBlob = (...parts: Array<string | number[]>) =>
  new Blob(parts.map((part) => (typeof part === "string" ? part : new Uint8Array(part))));

describe("parseCsv", () => {
  it("reads a plain comma table column-major", async () => {
    const table = await parseCsvText("a,b\n1,x\n2,y\n");
    expect(table.headers).toEqual(["a", "b"]);
    expect(table.columns).toEqual([
      ["1", "2"],
      ["x", "y"],
    ]);
    expect(table).toMatchObject({ rowCount: 2, delimiter: ",", encoding: "utf-8", notes: [] });
  });

  it("strips a UTF-8 byte order mark and handles CRLF", async () => {
    const table = await parseCsv(bytesBlob([0xef, 0xbb, 0xbf], "id,name\r\n1,Ann\r\n2,Bo\r\n"), {
      fileName: "bom.csv",
    });
    expect(table.headers).toEqual(["id", "name"]);
    expect(table.columns[1]).toEqual(["Ann", "Bo"]);
    expect(table.rowCount).toBe(2);
  });

  it("keeps delimiters, escaped quotes and newlines inside quoted fields", async () => {
    const text = 'a,b,c\r\n1,"x, y",3\r\n4,"he said ""hi""\r\nbye",6\n';
    const table = await parseCsvText(text);
    expect(table.rowCount).toBe(2);
    expect(table.columns[1]).toEqual(["x, y", 'he said "hi"\nbye']);
    expect(table.columns[2]).toEqual(["3", "6"]);
  });

  it("detects semicolons (decimal comma), tabs and pipes", async () => {
    const semicolon = await parseCsvText("height;name\n1,75;Ann\n1,62;Bo\n");
    expect(semicolon.delimiter).toBe(";");
    expect(semicolon.columns[0]).toEqual(["1,75", "1,62"]);
    const tsv = await parseCsvText("a\tb c\n1\tx, y\n2\tz\n");
    expect(tsv.delimiter).toBe("\t");
    expect(tsv.headers).toEqual(["a", "b c"]);
    expect(tsv.columns[1]).toEqual(["x, y", "z"]);
    const pipe = await parseCsvText("a|b|c\n1|2|3\n4|5|6\n");
    expect(pipe.delimiter).toBe("|");
    expect(pipe.columns[2]).toEqual(["3", "6"]);
  });

  it("falls back to windows-1252 for bytes that are not UTF-8", async () => {
    // 0xE9 is "é" in windows-1252 and an invalid lone byte in UTF-8.
    const blob = bytesBlob("city,n\nBogot", [0xe9], ",1\nCaf", [0xe9], " ", [0x80], ",2\n");
    const table = await parseCsv(blob, { fileName: "latin.csv" });
    expect(table.encoding).toBe("windows-1252");
    expect(table.columns[0]).toEqual(["Bogotá".replace("á", "é"), "Café €"]);
    expect(table.notes.join(" ")).toMatch(/Windows-1252/);
  });

  it("turns missing markers into null and trims values", async () => {
    const table = await parseCsvText("a,b\n NA ,1\nN/A,?\nnull,-\n,NaN\nx , 2\n");
    expect(table.columns[0]).toEqual([null, null, null, null, "x"]);
    expect(table.columns[1]).toEqual(["1", null, null, null, "2"]);
    expect(["", " NA", "n/a", "NULL", "?", "-", "nan"].every(isMissingMarker)).toBe(true);
    expect(["0", "None", "no", "-1", "N"].some(isMissingMarker)).toBe(false);
  });

  it("skips empty lines silently and ragged rows with a note", async () => {
    const text = "a,b,c\n1,2,3\n\n4,5\n6,7,8\n9,10,11,12\n13,14,15\n";
    const table = await parseCsvText(text);
    expect(table.rowCount).toBe(3);
    expect(table.columns[0]).toEqual(["1", "6", "13"]);
    expect(table.notes).toEqual([
      "2 rows had the wrong number of fields and were skipped (first: line 4, 2 fields instead of 3).",
    ]);
  });

  it("counts lines across quoted newlines in the ragged note", async () => {
    const table = await parseCsvText('a,b\n"x\ny",1\n2\n3,4\n');
    expect(table.notes[0]).toContain("first: line 4, 1 fields instead of 2");
  });

  it("refuses a file where most rows are ragged", async () => {
    const error = await expectCsvError(parseCsvText("a,b,c\n1,2\n3,4\n5,6,7\n"), "parse");
    expect(error.message).toMatch(/2 of 3/);
    expect(error.message).toMatch(/delimiter/);
  });

  it("refuses empty, whitespace-only and header-only files", async () => {
    await expectCsvError(parseCsv(new Blob([]), { fileName: "e.csv" }), "empty");
    await expectCsvError(parseCsvText("  \r\n\t\n \n"), "empty");
    await expectCsvError(parseCsv(bytesBlob([0xef, 0xbb, 0xbf]), { fileName: "b.csv" }), "empty");
    const noRows = await expectCsvError(parseCsvText("a,b,c\n"), "no-rows");
    expect(noRows.message).toContain("\u201cdata.csv\u201d has a header row but no data rows");
  });

  it("refuses a first row of numbers as a missing header", async () => {
    await expectCsvError(parseCsvText("5.1,3.5,1\n4.9,3.0,2\n"), "no-header");
  });

  it("refuses binary files", async () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48];
    const error = await expectCsvError(
      parseCsv(bytesBlob(png), { fileName: "data.bin" }),
      "binary",
    );
    expect(error.message).toBe(
      "\u201cdata.bin\u201d does not look like a text table (it contains binary bytes). Drop a CSV or TSV file with a header row.",
    );
    const utf16 = bytesBlob([0xff, 0xfe, 0x61, 0, 0x2c, 0, 0x62, 0]);
    await expectCsvError(parseCsv(utf16, { fileName: "u.csv" }), "binary");
  });

  it("refuses files over the size cap before reading them", async () => {
    let sliced = false;
    const huge = {
      size: 150 * 1024 * 1024,
      slice: () => {
        sliced = true;
        return new Blob([]);
      },
    } as unknown as Blob;
    const error = await expectCsvError(parseCsv(huge, { fileName: "big.csv" }), "too-large");
    expect(error.message).toBe(
      "\u201cbig.csv\u201d is 150.0 MB; the studio reads tables up to 100 MB. Remove rows or columns and try again.",
    );
    expect(sliced).toBe(false);
    expect(MAX_FILE_BYTES).toBe(100 * 1024 * 1024);
  });

  it("refuses more than MAX_COLUMNS columns", async () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(",");
    const row = Array.from({ length: MAX_COLUMNS + 1 }, () => "1").join(",");
    const error = await expectCsvError(parseCsvText(`${header}\n${row}\n`), "too-many-columns");
    expect(error.message).toMatch(/2,001 columns.*2,000/);
    const ok = Array.from({ length: MAX_COLUMNS }, (_, i) => `c${i}`).join(",");
    expect((await parseCsvText(`${ok}\n${row.slice(2)}\n`)).headers).toHaveLength(MAX_COLUMNS);
  });

  it("names empty headers and renames duplicates with a note", async () => {
    const table = await parseCsvText(" x ,,x,x_2,x,\n1,2,3,4,5,6\n");
    expect(table.headers).toEqual(["x", "column_2", "x_2", "x_2_2", "x_3", "column_6"]);
    expect(table.notes.join(" ")).toMatch(/column_2, column_6/);
    expect(table.notes.join(" ")).toMatch(/renamed/);
  });

  it("streams in tiny chunks with the same result as one chunk", async () => {
    const text =
      'name,comment,score\r\n"Zoë","multi\r\nline, with ""quotes""",1\r\n' +
      'Åsa,naïve café 😀,2\r\n\r\nJürgen,日本語テキスト,3\r\nshort,row\r\n"end","€",4';
    const blob = new Blob([text]);
    const progress: number[] = [];
    const streamed = await parseCsv(blob, {
      fileName: "data.csv",
      chunkBytes: 7,
      onProgress: (read, total) => {
        expect(total).toBe(blob.size);
        progress.push(read);
      },
    });
    const whole = await parseCsv(blob, { fileName: "data.csv" });
    expect(streamed).toEqual(whole);
    expect(streamed.rowCount).toBe(4);
    expect(streamed.columns[1]).toEqual([
      'multi\nline, with "quotes"',
      "naïve café 😀",
      "日本語テキスト",
      "€",
    ]);
    expect(streamed.notes).toHaveLength(1);
    expect(progress.length).toBe(Math.ceil(blob.size / 7));
    expect(progress.at(-1)).toBe(blob.size);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Every boundary position: CRLF pairs, quotes and multibyte characters all get split somewhere.
    for (let chunkBytes = 1; chunkBytes <= 16; chunkBytes++) {
      expect(await parseCsv(blob, { fileName: "data.csv", chunkBytes })).toEqual(whole);
    }
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    const blob = new Blob(["a,b\n" + "1,2\n".repeat(1000)]);
    const parsing = parseCsv(blob, {
      fileName: "a.csv",
      chunkBytes: 64,
      onProgress: (read) => {
        if (read > 256) controller.abort();
      },
      signal: controller.signal,
    });
    await expect(parsing).rejects.toMatchObject({ name: "AbortError" });
  });
});
