import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo, useState } from "react";
import { LAYER_CATALOG } from "../../core/model/catalog";
import { formatShapeForPeople, type Shape } from "../../core/model/shape";
import type { LayerNode } from "../../core/model/spec";

export interface PretrainedBlockData extends Record<string, unknown> {
  name: string;
  /** The block's layers in order, with their output shapes, read-only. */
  members: Array<{ layer: LayerNode; shape: Shape | null }>;
  /** The cut's output: what the head reads. */
  shape: Shape | null;
  paramCount: number;
}

export type PretrainedFlowNode = Node<PretrainedBlockData, "pretrained">;

/**
 * A pretrained backbone drawn as one locked block: its name, output shape and parameter count
 * (none of them trainable). "Show layers" lists what is inside, read-only.
 */
function PretrainedBlockViewImpl({ id, data, selected }: NodeProps<PretrainedFlowNode>) {
  const [open, setOpen] = useState(false);
  return (
    <div
      className={`layer-node pretrained-block${selected ? " selected" : ""}`}
      data-pretrained-block={data.name}
      data-node-id={id}
      data-output-shape={data.shape ? JSON.stringify(data.shape) : undefined}
      data-params={data.paramCount}
      data-trainable-params={0}
      data-state="ok"
      title="A pretrained model, frozen: its weights stay as loaded while the head trains."
    >
      <div className="layer-node-head">
        <strong>Pretrained: {data.name}</strong>
        <small>locked</small>
      </div>
      <div className="layer-node-params">
        output {data.shape ? formatShapeForPeople(data.shape) : "unknown"} ·{" "}
        {data.paramCount.toLocaleString()} params (trainable 0)
      </div>
      <button
        type="button"
        className="link-button nodrag"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? "Hide" : "Show"} its {data.members.length} layers
      </button>
      {open && (
        <ol className="pretrained-layers nodrag nowheel" aria-label={`Layers of ${data.name}`}>
          {data.members.map(({ layer, shape }) => (
            <li key={layer.id} data-layer-type={layer.type}>
              {LAYER_CATALOG[layer.type].label} <small>{layer.id}</small>{" "}
              <span className="muted">{shape ? formatShapeForPeople(shape) : ""}</span>
            </li>
          ))}
        </ol>
      )}
      <Handle type="source" position={Position.Bottom} aria-label={`${data.name} output`} />
    </div>
  );
}

export const PretrainedBlockView = memo(PretrainedBlockViewImpl);
