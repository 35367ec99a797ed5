/**
 * Every metric the report gives, declared once: its id (the `data-metric` hook), the label people
 * read, how its value is written, which way is better, its explanation and the tasks it belongs
 * to. The report views, the cross-validation table, the linear verdict, the model card, the run
 * comparison and the report's schema all read it, so a new metric is one entry here.
 */

export type MetricTask = "classification" | "regression";

export interface MetricInfo {
  label: string;
  /** "fraction": a share from 0 to 1 (3 decimals); "count": whole examples; "number": in the target's units or nats. */
  format: "fraction" | "count" | "number";
  /** null where neither way is better (support counts examples). */
  higherIsBetter: boolean | null;
  /** One plain-language line for people who are not machine-learning experts. */
  explanation: string;
  tasks: readonly MetricTask[];
}

export const METRICS = {
  accuracy: {
    label: "Accuracy",
    format: "fraction",
    higherIsBetter: true,
    explanation: "Share of test rows whose class the model got right (1 means all of them).",
    tasks: ["classification"],
  },
  precision: {
    label: "Precision",
    format: "fraction",
    higherIsBetter: true,
    explanation:
      "Of the rows the model put in this class, the share that really belong to it (few false alarms when high).",
    tasks: ["classification"],
  },
  recall: {
    label: "Recall",
    format: "fraction",
    higherIsBetter: true,
    explanation:
      "Of the rows that really belong to this class, the share the model found (few misses when high).",
    tasks: ["classification"],
  },
  f1: {
    label: "F1",
    format: "fraction",
    higherIsBetter: true,
    explanation: "A single score balancing precision and recall; high only when both are high.",
    tasks: ["classification"],
  },
  support: {
    label: "Support",
    format: "count",
    higherIsBetter: null,
    explanation: "How many test rows really belong to this class.",
    tasks: ["classification"],
  },
  roc_auc: {
    label: "ROC AUC",
    format: "fraction",
    higherIsBetter: true,
    explanation:
      "ROC AUC: the chance that a random row of the class gets a higher score than a random row of another class. 1 is perfect, 0.5 is guessing.",
    tasks: ["classification"],
  },
  average_precision: {
    label: "Average precision",
    format: "fraction",
    higherIsBetter: true,
    explanation:
      "Average precision: the precision averaged over every recall level as the threshold moves, i.e. the area under the precision–recall curve. High when the class's rows come first.",
    tasks: ["classification"],
  },
  log_loss: {
    label: "Log loss",
    format: "number",
    higherIsBetter: false,
    explanation:
      "Log loss: how surprised the model is by the true classes, in nats; it punishes confident mistakes hard. Lower is better, 0 is perfect.",
    tasks: ["classification"],
  },
  mae: {
    label: "MAE",
    format: "number",
    higherIsBetter: false,
    explanation:
      "Mean absolute error: on average, how far the predictions are from the true values, in the target's own units.",
    tasks: ["regression"],
  },
  mse: {
    label: "MSE",
    format: "number",
    higherIsBetter: false,
    explanation:
      "Mean squared error: the average of the squared differences; big mistakes count much more than small ones.",
    tasks: ["regression"],
  },
  rmse: {
    label: "RMSE",
    format: "number",
    higherIsBetter: false,
    explanation:
      "Root mean squared error: the square root of MSE, back in the target's units; like MAE but stricter with big misses.",
    tasks: ["regression"],
  },
  r2: {
    label: "R²",
    format: "number",
    higherIsBetter: true,
    explanation:
      "R²: how much of the target's variation the model explains. 1 is perfect, 0 is no better than always guessing the average, below 0 is worse.",
    tasks: ["regression"],
  },
} as const satisfies Record<string, MetricInfo>;

export type MetricId = keyof typeof METRICS;

/** The ids of a task's metrics, in table order. */
export function metricsOf(task: MetricTask): MetricId[] {
  return (Object.keys(METRICS) as MetricId[]).filter((id) =>
    (METRICS[id].tasks as readonly MetricTask[]).includes(task),
  );
}

/** Whether `id` names a metric of the table (run comparisons keep ids as plain strings). */
export function isMetricId(id: string): id is MetricId {
  return Object.hasOwn(METRICS, id);
}

/** Whether `a` is a better value of metric `id` than `b` (false when neither way is better). */
export function isBetter(id: MetricId, a: number, b: number): boolean {
  const higher = METRICS[id].higherIsBetter;
  return higher === null ? false : higher ? a > b : a < b;
}

/** The label of a metric averaged over classes, e.g. "F1 (macro)". */
export function averagedLabel(id: MetricId, average: "macro" | "weighted"): string {
  return `${METRICS[id].label} (${average})`;
}
