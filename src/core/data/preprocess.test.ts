import { describe, expect, it } from "vitest";
import { parsedTable } from "../../../tests/support/parsedTable";
import {
  classNamesOf,
  fitPreprocessing,
  inverseTarget,
  parseBoolean,
  rowsWithTarget,
  targetClassIndices,
  transformRecord,
  transformRows,
} from "./preprocess";
import type { ColumnProfile, ColumnSettings, ColumnType } from "./types";

type Cell = string | null;

const table = (columns: Record<string, Cell[]>) => parsedTable(columns);

function profile(name: string, index: number, type: ColumnType, decimalComma = false) {
  return {
    name,
    index,
    inferredType: type,
    missingCount: 0,
    uniqueCount: 0,
    decimalComma,
    topValues: [],
  } satisfies ColumnProfile;
}

function setting(name: string, type: ColumnType, over: Partial<ColumnSettings> = {}) {
  return {
    name,
    type,
    use: true,
    impute: "mean",
    imputeConstant: "",
    scaling: "none",
    ...over,
  } satisfies ColumnSettings;
}

/** Fits one input column `a` with target `y` (classification) on rows `train`. */
function fitOne(values: Cell[], type: ColumnType, over: Partial<ColumnSettings>, train: number[]) {
  const t = table({ a: values, y: values.map(() => "k") });
  const profiles = [profile("a", 0, type), profile("y", 1, "categorical")];
  const p = fitPreprocessing(t, profiles, [setting("a", type, over)], "y", "classification", train);
  return {
    t,
    p,
    x: transformRows(
      t,
      p,
      values.map((_, i) => i),
    ).x,
  };
}

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("numeric columns", () => {
  it("fits on training rows only and standardizes with the population std", () => {
    // Row 3 is a test row: its 1000 must not move the mean.
    const { p, x } = fitOne(
      ["1", "2", "3", "1000"],
      "numeric",
      { scaling: "standardize" },
      [0, 1, 2],
    );
    const std = Math.sqrt(2 / 3);
    expect(p.inputs[0]).toMatchObject({ fillValue: 2, scaling: { mean: 2, std } });
    expect([...x]).toEqual([-1 / std, 0, 1 / std, 998 / std].map(Math.fround));
  });

  it("imputes by mean, median, most frequent and constant", () => {
    const values = ["1", "1", "4", "10", null, "oops"];
    const fill = (over: Partial<ColumnSettings>) => {
      const { p, x } = fitOne(values, "numeric", over, all(6));
      expect(x[4]).toBe(x[5]); // unparsable text is treated like a missing cell
      return p.inputs[0]?.kind === "numeric" ? p.inputs[0].fillValue : NaN;
    };
    expect(fill({ impute: "mean" })).toBe(4);
    expect(fill({ impute: "median" })).toBe(2.5);
    expect(fill({ impute: "most-frequent" })).toBe(1);
    expect(fill({ impute: "constant", imputeConstant: "-7.5" })).toBe(-7.5);
    expect(fill({ impute: "constant", imputeConstant: "" })).toBe(0);
  });

  it("scales min-max with the training range, a constant column to 0", () => {
    expect([
      ...fitOne(["2", "4", "6", "8"], "numeric", { scaling: "minmax" }, [0, 1, 2]).x,
    ]).toEqual([0, 0.5, 1, 1.5]);
    const constant = fitOne(["5", "5", null], "numeric", { scaling: "minmax" }, all(3));
    expect(constant.p.inputs[0]).toMatchObject({ scaling: { min: 5, max: 6 } });
    expect([...constant.x]).toEqual([0, 0, 0]);
  });

  it("handles a column missing in every training row without NaN", () => {
    const { p, x } = fitOne([null, null, "3"], "numeric", { scaling: "standardize" }, [0, 1]);
    expect(p.inputs[0]).toMatchObject({ fillValue: 0, scaling: { mean: 0, std: 1 } });
    expect(x.some(Number.isNaN)).toBe(false);
    expect([...x]).toEqual([0, 0, 3]);
    const minmax = fitOne([null, null, "3"], "numeric", { scaling: "minmax" }, [0, 1]);
    expect(minmax.x.some(Number.isNaN)).toBe(false);
  });

  it("reads decimal commas when the profile says so", () => {
    const t = table({ a: ["1,5", "2,5"], y: ["p", "q"] });
    const profiles = [profile("a", 0, "numeric", true), profile("y", 1, "categorical")];
    const p = fitPreprocessing(t, profiles, [setting("a", "numeric")], "y", "classification", [0]);
    expect([...transformRows(t, p, [0, 1]).x]).toEqual([1.5, 2.5]);
  });
});

describe("categorical columns", () => {
  const values = ["b", "a", "c", "a", "b", "a", null, "z"];

  it("orders the vocabulary by frequency, then first appearance, from training rows", () => {
    const { p, x } = fitOne(values, "categorical", { impute: "mean" }, all(7));
    expect(p.featureNames).toEqual(["a=a", "a=b", "a=c"]);
    expect(p.inputs[0]).toMatchObject({ fillValue: null });
    // Row 6 is missing and row 7 ("z") only appears outside training: both all zeros.
    expect([...x.slice(0, 3)]).toEqual([0, 1, 0]);
    expect([...x.slice(18, 24)]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("fills missing cells with the most frequent or a constant category", () => {
    expect(
      fitOne(values, "categorical", { impute: "most-frequent" }, all(7)).x.slice(18, 21),
    ).toEqual(new Float32Array([1, 0, 0]));
    const constant = fitOne(
      values,
      "categorical",
      { impute: "constant", imputeConstant: "c" },
      all(7),
    );
    expect([...constant.x.slice(18, 21)]).toEqual([0, 0, 1]);
  });

  it("keeps the 100 most frequent categories", () => {
    const many = Array.from({ length: 150 }, (_, i) => `c${i}`).flatMap((c, i) =>
      i < 100 ? [c, c] : [c],
    );
    const { p } = fitOne(many, "categorical", {}, all(many.length));
    expect(p.featureNames).toHaveLength(100);
    expect(p.featureNames.at(-1)).toBe("a=c99");
  });
});

describe("boolean columns", () => {
  it("maps true/false words to 1/0 and fills by the chosen strategy", () => {
    const values = ["yes", "no", "Yes", null];
    expect([...fitOne(values, "boolean", { impute: "most-frequent" }, all(4)).x]).toEqual([
      1, 0, 1, 1,
    ]);
    expect(fitOne(values, "boolean", { impute: "mean" }, all(4)).x[3]).toBe(Math.fround(2 / 3));
    expect(parseBoolean(" FALSE ")).toBe(0);
    expect(parseBoolean("maybe")).toBeNull();
  });
});

describe("skipped columns", () => {
  it("leaves out unused, identifier, text and empty columns and the target", () => {
    const t = table({ id: ["1"], note: ["x"], e: [null], off: ["2"], y: ["k"] });
    const settings = [
      setting("id", "identifier"),
      setting("note", "text"),
      setting("e", "empty"),
      setting("off", "numeric", { use: false }),
      setting("y", "categorical"),
    ];
    const p = fitPreprocessing(t, [], settings, "y", "classification", [0]);
    expect(p.inputs).toEqual([]);
    expect(transformRows(t, p, [0])).toMatchObject({ rows: 1, rowIndices: [0] });
  });
});

describe("labels", () => {
  const t = table({ a: ["1", "2", "3", "4", "5", "6"], y: ["10", "2", null, "b", "a", "2"] });
  const profiles = [profile("a", 0, "numeric"), profile("y", 1, "categorical")];

  it("orders classes naturally over the whole table and drops rows without a target", () => {
    const p = fitPreprocessing(t, profiles, [setting("a", "numeric")], "y", "classification", [0]);
    expect(p.label).toEqual({ kind: "classes", column: "y", classNames: ["2", "10", "a", "b"] });
    expect(classNamesOf(t, "y")).toEqual(["2", "10", "a", "b"]);
    const prepared = transformRows(t, p, all(6));
    expect(prepared.rowIndices).toEqual([0, 1, 3, 4, 5]);
    expect([...prepared.y]).toEqual([1, 0, 3, 2, 0]);
    expect([...prepared.x]).toEqual([1, 2, 4, 5, 6]);
    expect(rowsWithTarget(t, "y")).toEqual([0, 1, 3, 4, 5]);
    expect(targetClassIndices(t, "y", ["2", "10", "a", "b"])).toEqual([1, 0, -1, 3, 2, 0]);
  });

  it("standardizes a regression target on training rows and inverts it", () => {
    const r = table({ a: ["1", "2", "3", "4"], y: ["10", "20", "x", "1e6"] });
    const p = fitPreprocessing(
      r,
      profiles,
      [setting("a", "numeric")],
      "y",
      "regression",
      [0, 1, 2],
    );
    expect(p.label).toMatchObject({ kind: "standardized", mean: 15, std: 5 });
    const prepared = transformRows(r, p, all(4));
    expect(prepared.rowIndices).toEqual([0, 1, 3]);
    expect([...prepared.y]).toEqual([-1, 1, Math.fround((1e6 - 15) / 5)]);
    expect(inverseTarget(p, -1)).toBe(10);
    expect(inverseTarget(p, (1234.5 - 15) / 5)).toBeCloseTo(1234.5, 10);
  });
});

describe("transformRecord", () => {
  it("encodes a raw record exactly like the table row", () => {
    const t = table({
      n: ["1.5", null, "3", "7"],
      c: ["red", "blue", "red", " green "],
      b: ["true", "false", "NA", "true"],
      y: ["p", "q", "p", "q"],
    });
    const profiles = [profile("n", 0, "numeric"), profile("c", 1, "categorical")];
    const settings = [
      setting("n", "numeric", { scaling: "standardize", impute: "median" }),
      setting("c", "categorical", { impute: "most-frequent" }),
      setting("b", "boolean", { impute: "most-frequent" }),
    ];
    const p = fitPreprocessing(t, profiles, settings, "y", "classification", [0, 1, 2]);
    const rows = transformRows(t, p, all(4));
    expect(p.featureNames).toEqual(["n", "c=red", "c=blue", "b"]);
    for (let row = 0; row < 4; row++) {
      const record = Object.fromEntries(t.headers.map((h, i) => [h, t.columns[i]?.[row] ?? null]));
      const width = p.featureNames.length;
      expect(transformRecord(record, p)).toEqual(rows.x.slice(row * width, (row + 1) * width));
    }
    expect(transformRecord({}, p).some(Number.isNaN)).toBe(false);
    // Missing spelled any way: median n (as row 1), most frequent c, most frequent b (a tie: 0).
    expect([...transformRecord({ n: "", c: "N/A", b: "?" }, p)]).toEqual([rows.x[4], 1, 0, 0]);
  });
});

describe("date columns", () => {
  it("fits fill (median), origin (earliest) and feature scales on training rows only", () => {
    // Rows 0-2 train; row 3 (2030) is a test row and must not move the origin or the scales.
    const values = ["2024-01-01", "2024-01-11", null, "2030-06-01"];
    const { p, x } = fitOne(values, "date", { dateOrder: "iso" }, [0, 1, 2]);
    const t = p.inputs[0];
    if (t?.kind !== "date") throw new Error("expected a date transform");
    const jan1 = Date.UTC(2024, 0, 1) / 86_400_000;
    expect(t.order).toBe("iso");
    expect(t.origin).toBe(jan1);
    expect(t.fillValue).toBe(jan1 + 5); // median of the two present training dates
    expect(p.featureNames).toEqual(["a:year", "a:month", "a:dayOfWeek", "a:daysSinceStart"]);
    // Training days since start: 0, 10, 5 (filled) → mean 5, std sqrt(50/3).
    expect(t.scales[3]?.mean).toBe(5);
    expect(t.scales[3]?.std).toBeCloseTo(Math.sqrt(50 / 3), 12);
    // Year and month are constant in training: std 0 becomes 1.
    expect(t.scales[0]).toEqual({ mean: 2024, std: 1 });
    expect(t.scales[1]).toEqual({ mean: 1, std: 1 });
    // The test row: year 2030 → 6 after centring; 2030-06-01 is a Saturday (5).
    expect(x.length).toBe(16);
    expect(x[12]).toBe(6);
    expect(x[13]).toBe(5);
    const dow = t.scales[2] ?? { mean: NaN, std: NaN };
    expect(x[14]).toBeCloseTo((5 - dow.mean) / dow.std, 5);
    const days = Date.UTC(2030, 5, 1) / 86_400_000 - jan1;
    expect(x[15]).toBeCloseTo((days - 5) / Math.sqrt(50 / 3), 3);
    // A single record encodes exactly as the table's row does.
    expect(Array.from(transformRecord({ a: "2030-06-01" }, p))).toEqual(Array.from(x.slice(12)));
    // The missing row took the fill value: days since start 5 → 0 after scaling.
    expect(x[11]).toBe(0);
  });

  it("reads the order the person chose", () => {
    const values = ["05/03/2024", "06/03/2024", "07/03/2024"];
    const dmy = fitOne(values, "date", { dateOrder: "dmy" }, [0, 1, 2]).p.inputs[0];
    const mdy = fitOne(values, "date", { dateOrder: "mdy" }, [0, 1, 2]).p.inputs[0];
    if (dmy?.kind !== "date" || mdy?.kind !== "date") throw new Error("expected date transforms");
    expect(dmy.origin).toBe(Date.UTC(2024, 2, 5) / 86_400_000);
    expect(mdy.origin).toBe(Date.UTC(2024, 4, 3) / 86_400_000);
  });
});

describe("missing as a category", () => {
  it("adds a (missing) category when training has missing cells", () => {
    const { p, x } = fitOne(
      ["a", null, "b", "a"],
      "categorical",
      { impute: "missing-category" },
      [0, 1, 2, 3],
    );
    expect(p.inputs[0]).toEqual({
      kind: "one-hot",
      column: "a",
      fillValue: "(missing)",
      categories: ["a", "b", "(missing)"],
    });
    expect(p.featureNames).toEqual(["a=a", "a=b", "a=(missing)"]);
    expect(Array.from(x)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0]);
  });

  it("leaves it out when training has no missing cell (a later one encodes as zeros)", () => {
    const { p, x } = fitOne(
      ["a", "b", null],
      "categorical",
      { impute: "missing-category" },
      [0, 1],
    );
    expect(p.inputs[0]).toMatchObject({ fillValue: "(missing)", categories: ["a", "b"] });
    expect(Array.from(x.slice(4))).toEqual([0, 0]);
  });
});
