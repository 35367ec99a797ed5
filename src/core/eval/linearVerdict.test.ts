import { describe, expect, it } from "vitest";
import { regressionReport } from "./metrics";
import { formatPair, linearVerdict } from "./linearVerdict";

describe("the linear verdict", () => {
  it("uses more digits when both scores would print the same", () => {
    expect(formatPair(0.4412, 0.4387, 2, false)).toEqual(["0.441", "0.439"]);
    expect(formatPair(0.49, 0.21, 2, false)).toEqual(["0.49", "0.21"]);
    expect(formatPair(0.9667, 0.9666, 2, true)).toEqual(["96.67%", "96.66%"]);
    expect(formatPair(0.5, 0.5, 2, false)).toEqual(["0.50", "0.50"]);
  });

  it("says the network is not worth it when the linear model scores higher", () => {
    const actual = [1, 2, 3, 4, 5, 6];
    const network = regressionReport(actual, [2, 2, 3, 5, 4, 6], actual);
    const linear = regressionReport(actual, [1, 2, 3, 4, 5, 6.5], actual);
    const verdict = linearVerdict(network, linear);
    expect(verdict?.linearWins).toBe(true);
    expect(verdict?.sentence).toMatch(
      /^A linear model \(ridge regression\) scores 0\.\d+ R², better than the network's 0\.\d+ R²: the network is not worth it here\.$/,
    );
    expect(linearVerdict(linear, network)?.sentence).toMatch(
      /the network's 0\.\d+ R² is better\.$/,
    );
  });
});
