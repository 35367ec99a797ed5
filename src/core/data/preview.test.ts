import { describe, expect, it } from "vitest";
import { parseCsvText } from "./csv";
import { previewRows } from "./preview";

describe("previewRows", () => {
  it("gives the first rows as read, row by row, with missing cells as null", async () => {
    const table = await parseCsvText("a,b\n1,x\n2,\n3,z\n");
    expect(previewRows(table, 2)).toEqual([
      ["1", "x"],
      ["2", null],
    ]);
  });
  it("gives every row of a short table, and ten of a long one", async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `${i},${i * 2}`).join("\n");
    const table = await parseCsvText(`a,b\n${lines}\n`);
    expect(previewRows(table)).toHaveLength(10);
    expect(previewRows(table)[9]).toEqual(["9", "18"]);
    expect(previewRows({ columns: [["1"]], rowCount: 1 })).toEqual([["1"]]);
  });
});
