/**
 * The linear baselines against scikit-learn's Ridge(alpha=1) and LogisticRegression(C=1) fitted on
 * the same arrays (iris and diabetes from public/samples, standardized; synthetic cases).
 * Fixtures: tests/fixtures/sklearn-report.json, made by
 * /usr/bin/python3 tests/fixtures/make_sklearn_report_fixtures.py.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fitLogistic, predictLogistic } from "./logistic";
import { fitRidge, predictRidge, solveCholesky } from "./ridge";

interface LinearCase {
  features: number;
  x: number[];
  y: number[];
  train: number[];
  test: number[];
}
interface RidgeCase extends LinearCase {
  coef: number[];
  intercept: number;
  predictions: number[];
}
interface LogisticFit {
  coef: number[];
  intercept: number[];
  probabilities: number[];
}
interface LogisticCase extends LinearCase {
  classCount: number;
  default: LogisticFit;
  exact: LogisticFit;
}

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../tests/fixtures/sklearn-report.json", import.meta.url)),
    "utf8",
  ),
) as { linear: Record<string, RidgeCase | LogisticCase> };

function expectAllClose(
  actual: ArrayLike<number>,
  wanted: number[],
  tolerance: number,
  what: string,
) {
  expect(actual.length, what).toBe(wanted.length);
  let worst = 0;
  for (let i = 0; i < wanted.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] as number) - (wanted[i] as number)));
  }
  expect(worst, `${what}: largest difference`).toBeLessThanOrEqual(tolerance);
}

/** The rows of `c.test` as their own row-major matrix. */
function testRows(c: LinearCase): Float32Array {
  const x = new Float32Array(c.test.length * c.features);
  c.test.forEach((row, i) =>
    x.set(c.x.slice(row * c.features, (row + 1) * c.features), i * c.features),
  );
  return x;
}

const ridgeCases = ["diabetes", "diabetes-raw-target", "synthetic-ridge"];
const logisticCases = ["iris", "iris-binary", "imbalanced-binary"];

describe("ridge regression matches scikit-learn's Ridge(alpha=1)", () => {
  it.each(ridgeCases)("%s: coefficients, intercept and held-out predictions", (name) => {
    const c = fixture.linear[name] as RidgeCase;
    const rows = c.y.length;
    const model = fitRidge(Float32Array.from(c.x), c.y, rows, c.features, { rowsUsed: c.train });
    expectAllClose(model.coef, c.coef, 1e-4, "coef");
    expect(Math.abs(model.intercept - c.intercept)).toBeLessThanOrEqual(1e-4);
    expectAllClose(
      predictRidge(model, testRows(c), c.test.length),
      c.predictions,
      1e-4,
      "predictions",
    );
    // Closed form in float64: far tighter than the 1e-4 asked for.
    expectAllClose(model.coef, c.coef, 1e-9 * Math.max(1, ...c.coef.map(Math.abs)), "coef (tight)");
  });

  it("penalises: a larger alpha shrinks the coefficients towards 0", () => {
    const c = fixture.linear.diabetes as RidgeCase;
    const norm = (alpha: number) => {
      const m = fitRidge(c.x, c.y, c.y.length, c.features, { alpha });
      return Math.hypot(...m.coef);
    };
    expect(norm(100)).toBeLessThan(norm(1));
    expect(() => fitRidge(c.x, c.y, c.y.length, c.features, { alpha: 0 })).toThrow(/above 0/);
  });

  it("solves a small system exactly", () => {
    const a = Float64Array.from([4, 2, 2, 3]);
    expect([...solveCholesky(a, Float64Array.from([2, 1]), 2)]).toEqual([0.5, 0]);
  });
});

describe("logistic regression matches scikit-learn's LogisticRegression(C=1)", () => {
  it.each(logisticCases)("%s: coefficients and held-out probabilities", (name) => {
    const c = fixture.linear[name] as LogisticCase;
    const rows = c.y.length;
    const model = fitLogistic(Float32Array.from(c.x), c.y, rows, c.features, c.classCount, {
      rowsUsed: c.train,
    });
    expect(model.converged).toBe(true);
    const probabilities = predictLogistic(model, testRows(c), c.test.length);
    // scikit-learn's default fit (lbfgs stopped at tol=1e-4) …
    expectAllClose(model.coef, c.default.coef, 1e-4, "coef vs default");
    expectAllClose(model.intercept, c.default.intercept, 1e-4, "intercept vs default");
    expectAllClose(probabilities, c.default.probabilities, 1e-4, "probabilities vs default");
    // … and the exact optimum of the same objective, which this converges to.
    expectAllClose(model.coef, c.exact.coef, 1e-7, "coef vs exact");
    expectAllClose(model.intercept, c.exact.intercept, 1e-7, "intercept vs exact");
    expectAllClose(probabilities, c.exact.probabilities, 1e-8, "probabilities vs exact");
  });

  it("gives probability 0 to a class missing from training and 1 to a lone class", () => {
    const c = fixture.linear["iris-binary"] as LogisticCase;
    const y = c.y.map((label) => label * 2); // classes 0 and 2 of three
    const model = fitLogistic(c.x, y, y.length, c.features, 3);
    expect(model.fittedClasses).toEqual([0, 2]);
    const p = predictLogistic(model, c.x.slice(0, c.features), 1);
    expect(p[1]).toBe(0);
    expect((p[0] as number) + (p[2] as number)).toBeCloseTo(1, 12);

    const lone = fitLogistic([1, 2], [1, 1], 2, 1, 3);
    expect([...predictLogistic(lone, [5], 1)]).toEqual([0, 1, 0]);
  });
});

describe("logistic regression progress and limits", () => {
  it("reports each iteration and says when it stopped early", () => {
    const c = fixture.linear.iris as LogisticCase;
    const seen: number[] = [];
    const full = fitLogistic(c.x, c.y, c.y.length, c.features, 3, {
      onIteration: (iteration) => seen.push(iteration),
    });
    expect(seen).toEqual(Array.from({ length: full.iterations }, (_, i) => i + 1));
    const cut = fitLogistic(c.x, c.y, c.y.length, c.features, 3, { maxIterations: 3 });
    expect(cut.iterations).toBe(3);
    expect(cut.converged).toBe(false);
  });
});
