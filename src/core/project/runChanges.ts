import { linearMethodName } from "./linearTrainedModel";
import type { ModelSpec } from "../model/spec";
import type { TrainConfig } from "../train/config";
import type { ProjectRun } from "./project";
import { averagedLabel, METRICS, type MetricId } from "../eval/metricTable";

const CONFIG_LABELS: Array<[keyof TrainConfig, string]> = [
  ["optimizer", "optimizer"],
  ["learningRate", "learning rate"],
  ["momentum", "momentum"],
  ["batchSize", "batch size"],
  ["epochs", "epochs"],
  ["classWeighting", "class weights"],
  ["seed", "seed"],
];

const show = (value: unknown) =>
  typeof value === "object" ? JSON.stringify(value) : String(value);

/** "3 layers changed" style summary of two specs: layers added, removed or with other params. */
function specChanges(before: ModelSpec, after: ModelSpec): string[] {
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const now = new Map(after.nodes.map((node) => [node.id, node]));
  const changes: string[] = [];
  for (const node of after.nodes) {
    const previous = old.get(node.id);
    if (!previous) changes.push(`+${node.type}`);
    else
      for (const [key, value] of Object.entries(node.params))
        if (show(previous.params[key]) !== show(value))
          changes.push(`${node.id}.${key} ${show(previous.params[key])} → ${show(value)}`);
  }
  for (const node of before.nodes) if (!now.has(node.id)) changes.push(`−${node.type}`);
  if (changes.length === 0 && JSON.stringify(before.edges) !== JSON.stringify(after.edges))
    changes.push("connections");
  return changes;
}

/**
 * What a run changed from the one before it, in a few words each: training settings, the model
 * (layers added, removed, parameters), the data choices. Empty when nothing changed.
 */
export function runChanges(previous: ProjectRun, run: ProjectRun): string[] {
  // "Use the linear model": not a change of settings but another kind of model, on the same data.
  const linear = run.model?.linearFit;
  if (linear && !previous.model?.linearFit)
    return [`the linear model (${linearMethodName(linear.method)}) instead of the network`];
  const changes: string[] = [];
  for (const [key, label] of CONFIG_LABELS)
    if (show(previous.config[key]) !== show(run.config[key]))
      changes.push(`${label} ${show(previous.config[key])} → ${show(run.config[key])}`);
  if (show(previous.config.earlyStopping) !== show(run.config.earlyStopping))
    changes.push("early stopping");
  changes.push(...specChanges(previous.spec, run.spec));
  if (previous.data.target !== run.data.target)
    changes.push(`target ${previous.data.target} → ${run.data.target}`);
  if (previous.data.task !== run.data.task) changes.push(`task → ${run.data.task}`);
  if (show(previous.data.split) !== show(run.data.split)) changes.push("split");
  const columnsChanged = run.data.columnSettings.filter((setting) => {
    const old = previous.data.columnSettings.find((s) => s.name === setting.name);
    return !old || show(old) !== show(setting);
  });
  if (columnsChanged.length > 0)
    changes.push(`columns: ${columnsChanged.map((setting) => setting.name).join(", ")}`);
  return changes;
}

export interface MainMetric {
  metric: MetricId;
  /** As METRICS names it ("F1 (macro)" for the macro average). */
  label: string;
  value: number;
}

/** The main metrics of a run's report, for tables that put runs side by side. */
export function mainMetrics(run: ProjectRun): MainMetric[] {
  const report = run.report;
  const of = (metric: MetricId, value: number, label: string = METRICS[metric].label) => ({
    metric,
    label,
    value,
  });
  if (report.kind === "classification")
    return [
      of("accuracy", report.accuracy),
      of("f1", report.macro.f1, averagedLabel("f1", "macro")),
    ];
  return [of("mae", report.mae), of("rmse", report.rmse), of("r2", report.r2)];
}
