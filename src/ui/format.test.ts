import { describe, expect, it } from "vitest";
import { formatNumber, plural } from "./format";

describe("plural", () => {
  it("uses the singular for one and the plural otherwise", () => {
    expect(plural(1, "epoch")).toBe("1 epoch");
    expect(plural(0, "epoch")).toBe("0 epochs");
    expect(plural(2, "column")).toBe("2 columns");
    expect(plural(1000, "epoch")).toBe("1000 epochs");
    expect(plural(12000, "row")).toBe("12,000 rows");
    expect(plural(3, "class", "classes")).toBe("3 classes");
  });
});

describe("formatNumber", () => {
  it("drops float noise and keeps four significant digits", () => {
    expect(formatNumber(5.819999999999998)).toBe("5.82");
    expect(formatNumber(3.0573333333333332)).toBe("3.057");
    expect(formatNumber(1234.5678)).toBe("1235");
    expect(formatNumber(-0.123456)).toBe("-0.1235");
    expect(formatNumber(2)).toBe("2");
    expect(formatNumber(0)).toBe("0");
  });
  it("uses an exponent only for very small or very large numbers", () => {
    expect(formatNumber(0.00001234)).toBe("1.234e-5");
    expect(formatNumber(1.5e12)).toBe("1.5e+12");
    expect(formatNumber(Number.NaN)).toBe("NaN");
  });
});
