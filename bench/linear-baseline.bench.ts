/**
 * The linear baselines: how long a fit takes at 50,000 rows × 100 features, and (printed once)
 * their 5-fold cross-validated scores on the samples with the studio's own preprocessing, fitted
 * on each fold's training rows (the numbers the report's "is the network worth it?" rests on).
 * Run: npx vitest bench --run bench/linear-baseline.bench.ts
 */
import { readFileSync } from "node:fs";
import { bench, describe } from "vitest";
import {
  defaultColumnSettings,
  guessTargetColumn,
  inferTask,
  profileColumns,
} from "../src/core/data/columns";
import { parseCsvText } from "../src/core/data/csv";
import {
  classNamesOf,
  fitPreprocessing,
  rowsWithTarget,
  targetClassIndices,
  transformRows,
} from "../src/core/data/preprocess";
import { mulberry32 } from "../src/core/data/random";
import { kFoldSplits, meanStd, stratifiedKFoldSplits } from "../src/core/eval/folds";
import { fitLinearBaseline, predictLinearBaseline } from "../src/core/eval/linearBaseline";
import { argmaxRows, regressionReport } from "../src/core/eval/metrics";
import { fitLogistic } from "../src/core/eval/logistic";
import { fitRidge } from "../src/core/eval/ridge";

async function crossValidate(file: string, seed: number) {
  const text = readFileSync(new URL(`../public/samples/${file}`, import.meta.url), "utf8");
  const table = await parseCsvText(text, file);
  const profiles = profileColumns(table);
  const target = guessTargetColumn(profiles);
  const profile = profiles.find((p) => p.name === target);
  if (!profile) throw new Error(`No target in ${file}`);
  const task = inferTask(profile);
  const settings = profiles.map(defaultColumnSettings);
  const rows = rowsWithTarget(table, target);
  const classNames = task === "classification" ? classNamesOf(table, target) : [];
  const labels = targetClassIndices(table, target, classNames);
  const folds =
    task === "classification"
      ? stratifiedKFoldSplits(
          rows.map((r) => labels[r] as number),
          5,
          seed,
        )
      : kFoldSplits(rows.length, 5, seed);
  const scores = folds.map((fold) => {
    const trainRows = fold.train.map((i) => rows[i] as number);
    const testRows = fold.test.map((i) => rows[i] as number);
    const preprocessing = fitPreprocessing(table, profiles, settings, target, task, trainRows);
    const train = transformRows(table, preprocessing, trainRows);
    const test = transformRows(table, preprocessing, testRows);
    const model = fitLinearBaseline(train, task, classNames.length);
    const predicted = predictLinearBaseline(model, test.x, test.rows);
    if (task === "regression")
      return regressionReport([...test.y], [...predicted], [...train.y]).r2;
    const classes = argmaxRows([...predicted], classNames.length);
    return classes.filter((c, i) => c === test.y[i]).length / test.rows;
  });
  return {
    file,
    target,
    task,
    metric: task === "regression" ? "R²" : "accuracy",
    scores,
    ...meanStd(scores),
  };
}

for (const file of ["diabetes.csv", "iris.csv"]) {
  for (const seed of [0, 1, 2]) {
    const result = await crossValidate(file, seed);
    console.log(
      `${file} (${result.task}, target ${result.target}), seed ${seed}: linear 5-fold ${result.metric} ` +
        `${result.mean.toFixed(4)} ± ${result.std.toFixed(4)} [${result.scores.map((s) => s.toFixed(3)).join(", ")}]`,
    );
  }
}

const rows = 50_000;
const features = 100;
const rng = mulberry32(1);
const x = Float32Array.from({ length: rows * features }, () => rng() * 2 - 1);
const truth = Float64Array.from({ length: features }, () => rng() * 2 - 1);
const score = Float64Array.from({ length: rows }, (_, r) => {
  let sum = 0;
  for (let f = 0; f < features; f++) sum += (truth[f] as number) * (x[r * features + f] as number);
  return sum;
});
const target = Float64Array.from(score, (s) => s + rng() - 0.5);
const binary = Int32Array.from(score, (s) => (s + 2 * (rng() - 0.5) > 0 ? 1 : 0));
const tenClasses = Int32Array.from(score, (s) =>
  Math.min(9, Math.max(0, Math.floor(s + 5 + rng()))),
);

/** A fit timed once and printed: bench() would repeat a fit of tens of seconds many times. */
function timeOnce(what: string, fit: () => { iterations?: number }): void {
  const start = performance.now();
  const model = fit();
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  const iterations =
    model.iterations === undefined ? "" : `, ${model.iterations} L-BFGS iterations`;
  console.log(`${what}: ${seconds} s${iterations}`);
}

timeOnce("logistic regression, 10 classes, 50,000 × 100", () =>
  fitLogistic(x, tenClasses, rows, features, 10),
);

describe("linear baselines, 50,000 rows × 100 features", () => {
  bench("ridge regression (closed form)", () => void fitRidge(x, target, rows, features), {
    iterations: 3,
  });
  bench("logistic regression, 2 classes", () => void fitLogistic(x, binary, rows, features, 2), {
    iterations: 3,
  });
});
