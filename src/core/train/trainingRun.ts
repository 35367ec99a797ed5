import { BACKEND_LABELS, type BackendName } from "../backend/backends";
import type { BackendChoice, ThreadTiming } from "../backend/choice";
import type { TaskKind } from "../data/types";
import { summarizeFolds, type FoldTruth } from "../eval/crossValidation";
import type { BackendNote } from "./run";
import type { EpochMetrics, StopReason } from "./types";
import type { FromTrainingWorker } from "./runMessages";

/** A training run as the page shows it: its state, live curves, progress and notes. */
export type TrainingState = "idle" | "running" | "done" | "stopped" | "error";

export interface TrainingRun {
  state: TrainingState;
  runId: string | null;
  backend: BackendName | null;
  history: EpochMetrics[];
  batchLosses: number[];
  progress: { epoch: number; batch: number; batches: number; samplesPerSecond: number } | null;
  /** Reports of what changed (a backend skipped), for a role="status" region. */
  notes: string[];
  /** What failed, for a role="alert" region. */
  error: string | null;
  reason: StopReason | null;
  /** The task this run trains for (the curves are labelled by it, not by later choices). */
  task: TaskKind | null;
  /** Auto: the measured speeds and the backend chosen; `cached` when measured by an earlier run. */
  choice: (BackendChoice & { cached: boolean }) | null;
  /** How the worker runs: wasm threads (null off wasm) and whether the page is isolated. */
  runtime: { wasmThreads: number | null; crossOriginIsolated: boolean } | null;
  /** wasm: training speeds measured at each thread count for this model (empty: not measured). */
  wasmThreadTimings: ThreadTiming[];
  /** A run on a pretrained backbone: its features computed so far (or taken from the cache). */
  features: { done: number; total: number; cached: boolean } | null;
  /** Cross-validation under way after the main run: fold (1-based) of folds, at this epoch. */
  fold: { fold: number; folds: number; epoch: number } | null;
}

export const IDLE_RUN: TrainingRun = {
  state: "idle",
  runId: null,
  backend: null,
  history: [],
  batchLosses: [],
  progress: null,
  notes: [],
  error: null,
  reason: null,
  task: null,
  choice: null,
  runtime: null,
  wasmThreadTimings: [],
  features: null,
  fold: null,
};

const trimPeriod = (text: string) => text.replace(/\.\s*$/, "");

/** A backend note in words: what failed and where training goes on. */
export function describeNote(note: BackendNote): string {
  const name = BACKEND_LABELS[note.backend];
  const what =
    note.kind === "unavailable"
      ? `${name} is not available here (${trimPeriod(note.message)})`
      : note.kind === "unsupported"
        ? `${name} cannot train this model (${trimPeriod(note.message)})`
        : `${name} failed during training (${trimPeriod(note.message)})`;
  if (!note.next) return `${what}.`;
  const resume =
    note.resumeAfterEpoch > 0 ? ` from the checkpoint after epoch ${note.resumeAfterEpoch}` : "";
  return `${what}; training continues on ${BACKEND_LABELS[note.next]}${resume}.`;
}

type FoldOutputs = NonNullable<Extract<FromTrainingWorker, { type: "done" }>["folds"]>;

/** Cross-validation's mean ± std from each fold's outputs and the held-out rows' truths. */
export function foldSummary(cv: { truths: FoldTruth[]; rows: number }, folds: FoldOutputs) {
  return summarizeFolds({
    truths: cv.truths,
    network: folds.map((fold) => fold.network),
    linear: folds.map((fold) => fold.linear?.outputs ?? null),
    folds: cv.truths.length,
    rows: cv.rows,
  });
}

/** What a message that only reports on the run (backend, runtime, threads, features) changes. */
export function runReportOf(message: FromTrainingWorker): Partial<TrainingRun> | null {
  switch (message.type) {
    case "backend":
      return { backend: message.backend };
    case "runtime": {
      const { wasmThreads, crossOriginIsolated } = message;
      return { runtime: { wasmThreads, crossOriginIsolated } };
    }
    case "wasm-threads":
      return { wasmThreadTimings: message.measured };
    case "features":
      return { features: { done: message.done, total: message.total, cached: message.cached } };
    default:
      return null;
  }
}
