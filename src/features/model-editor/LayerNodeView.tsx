import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { LAYER_CATALOG } from "../../core/model/catalog";
import { formatShapeForPeople, type Shape } from "../../core/model/shape";
import type { LayerNode } from "../../core/model/spec";
import { plural } from "../../ui/format";

export interface LayerNodeData extends Record<string, unknown> {
  layer: LayerNode;
  shape: Shape | null;
  paramCount: number | null;
  error: string | null;
  unknown: boolean;
}

export type LayerFlowNode = Node<LayerNodeData, "layer">;

const SUMMARY_KEYS = [
  "shape",
  "units",
  "filters",
  "kernelSize",
  "poolSize",
  "size",
  "targetShape",
  "rate",
  "alpha",
  "layer",
  "inputDim",
  "outputDim",
  "axis",
  "activation",
];

/** The few parameters that identify a layer at a glance: "32 units · relu". */
export function paramSummary(layer: LayerNode): string {
  const parts: string[] = [];
  for (const key of SUMMARY_KEYS) {
    const value = layer.params[key];
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? `[${value.join(",")}]` : String(value);
    if (key === "activation" || key === "layer") parts.push(text);
    else if (key === "units" || key === "filters")
      // "1 unit", not "1 units": the linear model's one output is the common case.
      parts.push(typeof value === "number" ? plural(value, key.slice(0, -1)) : `${text} ${key}`);
    else parts.push(`${key} ${text}`);
    if (parts.length === 3) break;
  }
  return parts.join(" · ");
}

function LayerNodeViewImpl({ data, selected }: NodeProps<LayerFlowNode>) {
  const { layer, shape, paramCount, error, unknown } = data;
  const definition = LAYER_CATALOG[layer.type];
  const state = error ? "error" : unknown ? "unknown" : "ok";
  return (
    <div
      className={`layer-node ${state}${selected ? " selected" : ""}`}
      data-layer-type={layer.type}
      data-node-id={layer.id}
      data-output-shape={shape ? JSON.stringify(shape) : undefined}
      data-state={state}
      data-error={error ?? undefined}
      title={error ?? definition.description}
    >
      {layer.type !== "InputLayer" && (
        <Handle type="target" position={Position.Top} aria-label={`${layer.id} input`} />
      )}
      <div className="layer-node-head">
        <strong>{definition.label}</strong>
        <small>{layer.id}</small>
      </div>
      <div className="layer-node-params">{paramSummary(layer)}</div>
      <div className="layer-node-foot">
        <span>{shape ? formatShapeForPeople(shape) : error ? "error" : "shape unknown"}</span>
        {paramCount !== null && paramCount > 0 && <span>{paramCount.toLocaleString()} params</span>}
      </div>
      {error && <div className="layer-node-error">{error}</div>}
      <Handle type="source" position={Position.Bottom} aria-label={`${layer.id} output`} />
    </div>
  );
}

export const LayerNodeView = memo(LayerNodeViewImpl);
