/**
 * Does the network the studio proposes, with the studio's default settings, reach the linear
 * model's test score on small tables? For each sample and seed it takes the studio's own path: the
 * data service splits and preprocesses (split and initialisation both seeded by the seed, as in the
 * studio), the training job trains the proposed model and fits the linear baseline on the same
 * training rows, and the report's metrics score both on the same test rows. Prints one line per
 * seed and a summary (accuracy for classes, R² for numbers).
 * Run: npx vitest bench --run bench/defaults-vs-linear.bench.ts
 * (BENCH_SEEDS=1,2 and BENCH_SAMPLES=iris.csv narrow it; BENCH_SAMPLES=tests/fixtures/wine.csv:alcohol
 * names a file and its target; BENCH_PATIENCE and BENCH_L2 try other early-stopping patience and
 * L2 penalties; tf.js runs on its cpu backend in Node.)
 *
 * Seeds on which the network scored at least the linear model, of 5 (mean gap), measured here:
 *   before (32/16 units, no penalty, lr 0.01, 60 epochs, patience 10):
 *     iris 3 (−0.009 accuracy), diabetes 0 (−0.064 R²), digits 3 (+0.001 accuracy)
 *   L2 0.01 below 1000 training rows else 0.001, lr 0.003, 200 epochs, patience 20:
 *     iris 4 (+0.009), diabetes 2 (−0.038), digits 5 (+0.008)
 *   now (L2 0.1 below 1000 training rows else 0.001, lr 0.003, 200 epochs, patience 20):
 *     iris 4 (+0.009), diabetes 4 (+0.013), digits 5 (+0.008: above 1000 rows, unchanged)
 *   (on diabetes, L2 0.03 gave 2 (−0.020) and 0.05 gave 4 (+0.006); a lower learning rate, more
 *   patience, larger batches or narrower layers did no better)
 * Wine → alcohol (tests/fixtures/wine.csv, 124 training rows) and diabetes over 11 seeds (42, 1–10),
 * 2026-12-07, network ≥ linear (mean R² gap):
 *   now (L2 0.1, patience 20):  wine 5 (−0.021), diabetes 7 (+0.009)
 *   patience 50:                wine 5 (−0.023), diabetes 7 (+0.005)
 *   L2 0.03:                    wine 4 (−0.047), diabetes 5 (−0.012)
 *   L2 0.3:                     wine 0 (−0.127), diabetes 0 (−0.125)
 *   so the defaults stay. Seed 42 on wine (R² 0.21 against the linear 0.49, best epoch 3) is the
 *   27-row validation split's noise: the training data loss falls below validation from epoch 4
 *   (the network overfits, it does not underfit), and the linear model is the better model there.
 */
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { bench, describe } from "vitest";
import { defaultColumnSettings, guessTargetColumn, inferTask } from "../src/core/data/columns";
import { defaultModelFor } from "../src/core/model/templates";
import type { ModelSpec } from "../src/core/model/spec";
import { DEFAULT_TRAIN_CONFIG } from "../src/core/train/config";
import { DEFAULT_SPLIT } from "../src/store/datasetSlice";
import { buildEvaluation } from "../src/core/eval/evaluation";
import { LocalDataService } from "../src/worker/dataService";
import { runTrainingJob } from "../src/worker/trainingJob";

const samples = (process.env.BENCH_SAMPLES ?? "iris.csv,diabetes.csv,digits-8x8.csv").split(",");
const seeds = (process.env.BENCH_SEEDS ?? "1,2,3,4,5").split(",").map(Number);

/** The spec with every L2 penalty set to `l2` (to try other values); unchanged when NaN. */
function withL2(spec: ModelSpec, l2: number): ModelSpec {
  if (Number.isNaN(l2)) return spec;
  const nodes = spec.nodes.map((n) =>
    typeof n.params.l2 === "number" ? { ...n, params: { ...n.params, l2 } } : n,
  );
  return { ...spec, nodes };
}

/** A sample's name (public/samples), or a path from the repository's root, then `:target` if given. */
async function scoreSeed(sample: string, seed: number) {
  const [file = sample, chosenTarget] = sample.split(":");
  const path = file.includes("/") ? `../${file}` : `../public/samples/${file}`;
  const text = readFileSync(new URL(path, import.meta.url), "utf8");
  const service = new LocalDataService();
  const loaded = await service.load(new Blob([text]), file, () => {});
  const target = chosenTarget ?? guessTargetColumn(loaded.profiles);
  const profile = loaded.profiles.find((p) => p.name === target);
  if (!target || !profile) throw new Error(`No target in ${file}`);
  const task = inferTask(profile);
  const settings = loaded.profiles.map(defaultColumnSettings);
  const reply = await service.prepare(loaded.datasetId, {
    settings,
    target,
    task,
    fractions: DEFAULT_SPLIT,
    seed,
  });
  if (!reply.ok) throw new Error(reply.problem);
  const prepared = reply.data;
  const { plan } = prepared;
  const classCount = plan.classNames.length;
  const shape = { featureCount: plan.featureCount, task, classCount, rows: plan.sizes.train };
  const spec = withL2(defaultModelFor(shape), Number(process.env.BENCH_L2 ?? NaN));
  const patience = Number(
    process.env.BENCH_PATIENCE ?? DEFAULT_TRAIN_CONFIG.earlyStopping.patience,
  );
  const earlyStopping = { ...DEFAULT_TRAIN_CONFIG.earlyStopping, patience };
  const config = { ...DEFAULT_TRAIN_CONFIG, earlyStopping, seed };
  const label = plan.preprocessing.label;
  const started = performance.now();
  const finished = await runTrainingJob(
    {
      runId: `${file}-${seed}`,
      spec,
      config,
      preference: "cpu",
      data: {
        task,
        featureCount: plan.featureCount,
        classCount,
        train: prepared.train,
        validation: prepared.validation,
        targetScale: label.kind === "standardized" ? label.std : 1,
      },
      test: { x: prepared.test.x, rows: prepared.test.rows },
    },
    () => {},
    () => false,
    async (name) => {
      await tf.setBackend(name);
      await tf.ready();
    },
  );
  const evaluation = buildEvaluation({
    prepared,
    testOutputs: finished.testOutputs,
    outputSize: finished.outputSize,
    inputsKey: "",
    outcome: finished.outcome,
    backend: finished.backend,
    linear: finished.linear,
  });
  const score = (report: typeof evaluation.report) =>
    report.kind === "classification" ? report.accuracy : report.r2;
  return {
    metric: task === "classification" ? "accuracy" : "R²",
    network: score(evaluation.report),
    linear: evaluation.linear ? score(evaluation.linear.report) : NaN,
    epochs: finished.outcome.history.length,
    bestEpoch: finished.outcome.bestEpoch,
    seconds: (performance.now() - started) / 1000,
  };
}

tf.env().set("PROD", true);
for (const file of samples) {
  let atLeastLinear = 0;
  const gaps: number[] = [];
  for (const seed of seeds) {
    const r = await scoreSeed(file, seed);
    if (r.network >= r.linear) atLeastLinear++;
    gaps.push(r.network - r.linear);
    console.log(
      `${file} seed ${seed}: network ${r.metric} ${r.network.toFixed(4)}, linear ${r.linear.toFixed(4)}` +
        ` (${r.epochs} epochs, best ${r.bestEpoch}, ${r.seconds.toFixed(1)} s)`,
    );
  }
  const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  console.log(
    `${file}: network ≥ linear in ${atLeastLinear} of ${seeds.length} seeds; mean gap ${meanGap >= 0 ? "+" : ""}${meanGap.toFixed(4)}`,
  );
}

// vitest bench needs one benchmark; the comparison above is the point of this file.
describe("default network against the linear model", () => {
  bench(
    "proposal for iris-sized data",
    () =>
      void defaultModelFor({ featureCount: 4, task: "classification", classCount: 3, rows: 105 }),
    {
      iterations: 10,
    },
  );
});
