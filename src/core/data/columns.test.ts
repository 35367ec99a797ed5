import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsedTable } from "../../../tests/support/parsedTable";
import {
  defaultColumnSettings,
  guessTargetColumn,
  inferTask,
  parseNumber,
  profileColumns,
} from "./columns";
import { parseCsvText } from "./csv";
import type { ColumnProfile } from "./types";

const table = parsedTable;

function profileOf(values: Array<string | null>, name = "col", delimiter = ","): ColumnProfile {
  const [profile] = profileColumns(table({ [name]: values }, delimiter));
  if (!profile) throw new Error("no profile");
  return profile;
}

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

async function sample(name: string) {
  const url = new URL(`../../../public/samples/${name}`, import.meta.url);
  const parsed = await parseCsvText(readFileSync(url, "utf8"), name);
  return { parsed, profiles: profileColumns(parsed) };
}

describe("parseNumber", () => {
  it("accepts plain numbers and rejects everything else", () => {
    expect(
      ["1", "-2.5", "1e-3", "+3", ".5", "7.", " 4 "].map((t) => parseNumber(t, false)),
    ).toEqual([1, -2.5, 0.001, 3, 0.5, 7, 4]);
    for (const text of ["0x10", "Infinity", "NaN", "1,2,3", "1,000", "", "1e999", "3 kg", "--1"]) {
      expect(parseNumber(text, false)).toBeNaN();
    }
  });

  it("reads a single decimal comma only when asked, and no dots then", () => {
    expect(parseNumber("3,5", true)).toBe(3.5);
    expect(parseNumber("-0,25", true)).toBe(-0.25);
    expect(parseNumber("12", true)).toBe(12);
    expect(parseNumber("3,5", false)).toBeNaN();
    expect(parseNumber("1.234,5", true)).toBeNaN();
    expect(parseNumber("1,2,3", true)).toBeNaN();
  });
});

describe("profileColumns", () => {
  it("counts missing, unique and top values (ties by first appearance)", () => {
    const profile = profileOf(["b", "a", null, "a", "c", "b", "d", "e", "f", null]);
    expect(profile).toMatchObject({ missingCount: 2, uniqueCount: 6, inferredType: "categorical" });
    expect(profile.topValues).toEqual([
      { value: "b", count: 2 },
      { value: "a", count: 2 },
      { value: "c", count: 1 },
      { value: "d", count: 1 },
      { value: "e", count: 1 },
    ]);
  });

  it("infers numeric columns with stats", () => {
    const profile = profileOf(["1", "2.5", null, "-0.5"]);
    expect(profile).toMatchObject({ inferredType: "numeric", decimalComma: false, integer: false });
    expect([profile.min, profile.max, profile.mean]).toEqual([-0.5, 2.5, 1]);
    expect(profileOf(["1", "2", "2"]).integer).toBe(true);
  });

  it("uses a decimal comma only for semicolon or tab tables", () => {
    const semicolon = profileOf(["1,5", "2", "3,25"], "x", ";");
    expect(semicolon).toMatchObject({ inferredType: "numeric", decimalComma: true, max: 3.25 });
    expect(profileOf(["1,5", "2", "3,25"], "x", "\t").decimalComma).toBe(true);
    expect(profileOf(["1,5", "2", "3,25"], "x", ",").inferredType).toBe("categorical");
  });

  it("parses a semicolon file with decimal commas end to end", async () => {
    const parsed = await parseCsvText("height;weight;name\n1,75;70;Ann\n1,62;55,5;Bo\n");
    const [height, weight] = profileColumns(parsed);
    expect(height).toMatchObject({ inferredType: "numeric", decimalComma: true, mean: 1.685 });
    expect(weight).toMatchObject({ inferredType: "numeric", decimalComma: true, max: 70 });
  });

  it("recognises boolean pairs but keeps 0/1 numeric", () => {
    expect(profileOf(["yes", "No", "YES", null]).inferredType).toBe("boolean");
    expect(profileOf(["TRUE", "false"]).inferredType).toBe("boolean");
    expect(profileOf(["t", "f", "t"]).inferredType).toBe("boolean");
    expect(profileOf(["yes", "false"]).inferredType).toBe("categorical");
    expect(profileOf(["0", "1", "1"]).inferredType).toBe("numeric");
  });

  it("recognises identifiers but not continuous unique features", () => {
    expect(profileOf(range(30, (i) => `user-${i * 7}`)).inferredType).toBe("identifier");
    expect(
      profileOf(
        range(30, (i) => String(i + 1)),
        "n",
      ).inferredType,
    ).toBe("identifier");
    expect(
      profileOf(
        range(30, (i) => String(i * 3)),
        "customer_id",
      ).inferredType,
    ).toBe("identifier");
    expect(profileOf(["1", "1", "2"], "PassengerId").inferredType).toBe("identifier");
    expect(
      profileOf(
        range(30, (i) => String(i * 3)),
        "n",
      ).inferredType,
    ).toBe("numeric");
    expect(profileOf(range(30, (i) => (i * 1.37).toFixed(2))).inferredType).toBe("numeric");
    expect(
      profileOf(
        range(30, (i) => String(i % 3)),
        "paid",
      ).inferredType,
    ).toBe("numeric");
    expect(profileOf(range(10, (i) => `user-${i}`)).inferredType).toBe("categorical");
  });

  it("recognises free text and empty columns", () => {
    const long = range(30, (i) => `This is a rather long review number ${i % 5} of the product`);
    expect(profileOf(long).inferredType).toBe("text");
    expect(profileOf(range(300, (i) => `w${i % 200}`)).inferredType).toBe("text");
    expect(profileOf([null, null]).inferredType).toBe("empty");
  });
});

describe("defaultColumnSettings", () => {
  it("turns off identifiers, text and empty columns and picks imputation", () => {
    const numeric = defaultColumnSettings(profileOf(["1", "2"], "x"));
    expect(numeric).toEqual({
      name: "x",
      type: "numeric",
      use: true,
      impute: "mean",
      imputeConstant: "",
      scaling: "standardize",
    });
    const category = defaultColumnSettings(profileOf(["a", "b"]));
    expect(category).toMatchObject({ use: true, impute: "most-frequent", scaling: "none" });
    expect(defaultColumnSettings(profileOf(["1"], "row_id")).use).toBe(false);
    expect(defaultColumnSettings(profileOf([null])).use).toBe(false);
  });
});

describe("guessTargetColumn and inferTask", () => {
  it("prefers label-like names, else the last usable column", () => {
    const profiles = (names: string[]) =>
      profileColumns(table(Object.fromEntries(names.map((n) => [n, ["1", "2"]]))));
    expect(guessTargetColumn(profiles(["Class", "a", "b"]))).toBe("Class");
    expect(guessTargetColumn(profiles(["a", "survival_label", "b"]))).toBe("survival_label");
    expect(guessTargetColumn(profiles(["a", "target_variable", "b"]))).toBe("target_variable");
    expect(guessTargetColumn(profiles(["x", "y", "empty_col", "label"]))).toBe("label");
    const withId = profileColumns(table({ a: ["1", "2"], b: ["x", "y"], id: ["1", "2"] }));
    expect(guessTargetColumn(withId)).toBe("b");
  });

  it("classifies small integer targets and regresses continuous ones", () => {
    expect(inferTask(profileOf(["1", "2", "3", "2"]))).toBe("classification");
    expect(inferTask(profileOf(["a", "b"]))).toBe("classification");
    expect(inferTask(profileOf(["0.5", "1.5"]))).toBe("regression");
    expect(inferTask(profileOf(range(25, (i) => String(i * 2))))).toBe("regression");
  });
});

describe("sample datasets", () => {
  it("iris: 150 × 5, three species, classification", async () => {
    const { parsed, profiles } = await sample("iris.csv");
    expect([parsed.rowCount, parsed.headers.length]).toEqual([150, 5]);
    expect(parsed.notes).toEqual([]);
    const species = profiles[4];
    expect(species).toMatchObject({ name: "species", inferredType: "categorical", uniqueCount: 3 });
    expect(profiles.slice(0, 4).every((p) => p.inferredType === "numeric")).toBe(true);
    expect(guessTargetColumn(profiles)).toBe("species");
    expect(inferTask(species!)).toBe("classification");
  });

  it("diabetes: 442 rows, progression is a regression target", async () => {
    const { parsed, profiles } = await sample("diabetes.csv");
    expect(parsed.rowCount).toBe(442);
    expect(profiles.every((p) => p.inferredType === "numeric")).toBe(true);
    expect(guessTargetColumn(profiles)).toBe("progression");
    expect(inferTask(profiles.at(-1)!)).toBe("regression");
  });

  it("digits: 1797 rows, digit is a 10-class target", async () => {
    const { parsed, profiles } = await sample("digits-8x8.csv");
    expect([parsed.rowCount, parsed.headers.length]).toEqual([1797, 65]);
    const digit = profiles.find((p) => p.name === "digit")!;
    expect(digit).toMatchObject({ inferredType: "numeric", integer: true, uniqueCount: 10 });
    expect(guessTargetColumn(profiles)).toBe("digit");
    expect(inferTask(digit)).toBe("classification");
  });
});
