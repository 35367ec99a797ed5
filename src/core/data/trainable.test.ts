import { describe, expect, it } from "vitest";
import { profileColumns } from "./columns";
import { parseCsvText } from "./csv";
import { untrainableTableProblem } from "./trainable";

async function problemOf(text: string, fileName = "t.csv") {
  const table = await parseCsvText(text, fileName);
  return untrainableTableProblem(fileName, table.rowCount, profileColumns(table));
}

const rows = (n: number, row: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => row(i)).join("\n");

describe("untrainableTableProblem", () => {
  it("refuses a table of one data row, saying so in the singular", async () => {
    const problem = await problemOf("a,b,label\n1,2,x\n", "onerow.csv");
    expect(problem).toContain("“onerow.csv” has only 1 data row;");
    expect(problem).toContain("at least 10");
  });
  it("refuses nine rows and accepts ten", async () => {
    expect(await problemOf(`a,label\n${rows(9, (i) => `${i},${i % 2}`)}`)).toContain("9 data rows");
    expect(await problemOf(`a,label\n${rows(10, (i) => `${i},${i % 2}`)}`)).toBeNull();
  });
  it("refuses a single column", async () => {
    expect(await problemOf(`label\n${rows(20, (i) => `${i % 2}`)}`)).toContain("single column");
  });
  it("refuses columns that never vary", async () => {
    expect(await problemOf(`a,b\n${rows(20, () => "1,x")}`)).toContain("one value in every row");
  });
});
