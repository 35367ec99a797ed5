import { describe, expect, it } from "vitest";
import { runDataMismatch } from "./runData";

const cancer = { name: "Breast cancer.csv", rows: 85, kind: "table" as const };

describe("runDataMismatch", () => {
  it("says nothing when the run trained on the loaded data, or cannot tell", () => {
    expect(runDataMismatch(cancer, { ...cancer })).toBeNull();
    expect(runDataMismatch(undefined, { name: "x.csv", rows: 1, kind: "table" })).toBeNull();
  });
  it("names both datasets when they differ, in the right number", () => {
    const message = runDataMismatch(cancer, { name: "onerow.csv", rows: 1, kind: "table" });
    expect(message).toContain("“Breast cancer.csv” (85 rows)");
    expect(message).toContain("“onerow.csv” (1 row)");
  });
  it("tells a same-named file of another size apart, and pictures from rows", () => {
    expect(runDataMismatch(cancer, { ...cancer, rows: 84 })).not.toBeNull();
    const pictures = { name: "digits32.zip", rows: 1, kind: "images" as const };
    expect(runDataMismatch(pictures, null)).toContain("(1 picture), which is not loaded now");
  });
});
