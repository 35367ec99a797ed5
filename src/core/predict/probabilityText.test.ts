import { describe, expect, it } from "vitest";
import { percentPair, percentText } from "./probabilityText";

describe("probabilities in words", () => {
  it("never rounds a possible answer to 0% or 100%", () => {
    expect(percentText(0.99996)).toBe(">99.9%");
    expect(percentText(0.00001)).toBe("<0.1%");
    expect(percentText(1)).toBe("100.0%");
    expect(percentText(0.4567)).toBe("45.7%");
  });

  it("gives two confident answers enough digits to differ", () => {
    expect(percentPair(0.99996, 0.99991)).toEqual(["99.996%", "99.991%"]);
    expect(percentPair(0.9999996, 0.999)).toEqual(["99.99996%", "99.90000%"]);
    expect(percentPair(0.93, 0.41)).toEqual(["93.0%", "41.0%"]);
    expect(percentPair(0.5, 0.5)).toEqual(["50.0%", "50.0%"]);
    const [from, to] = percentPair(0.999999, 0.9999985);
    expect(from).not.toBe(to);
  });
});
