import { describe, expect, it } from "vitest";
import { collapseGroups, layerGroups } from "./groups";
import { autoLayout, ROW_HEIGHT } from "./layout";
import type { ModelSpec } from "./spec";

const spec: ModelSpec = {
  version: 1,
  inputs: ["input"],
  nodes: [
    {
      id: "input",
      type: "InputLayer",
      params: { shape: [8, 8, 3] },
      trainable: false,
      group: "net",
    },
    { id: "conv", type: "Conv2D", params: {}, trainable: false, group: "net" },
    { id: "gap", type: "GlobalAveragePooling2D", params: {}, trainable: false, group: "net" },
    { id: "dropout_1", type: "Dropout", params: { rate: 0.25 } },
    { id: "output", type: "Dense", params: { units: 2 } },
  ],
  edges: [
    { from: "input", to: "conv", toIndex: 0 },
    { from: "conv", to: "gap", toIndex: 0 },
    { from: "gap", to: "dropout_1", toIndex: 0 },
    { from: "dropout_1", to: "output", toIndex: 0 },
  ],
  outputs: ["output"],
};

describe("pretrained layer groups", () => {
  it("stand at the member the head reads (the cut)", () => {
    expect(layerGroups(spec)).toEqual([
      { name: "net", blockId: "gap", memberIds: ["input", "conv", "gap"] },
    ]);
  });

  it("collapse to their block for the canvas, and lay out as one row with the head below", () => {
    expect(collapseGroups(spec).nodes.map((n) => n.id)).toEqual(["gap", "dropout_1", "output"]);
    const layout = autoLayout(spec);
    expect(layout.input).toEqual(layout.gap);
    expect(layout.conv).toEqual(layout.gap);
    expect((layout.dropout_1?.y ?? 0) - (layout.gap?.y ?? 0)).toBeGreaterThan(ROW_HEIGHT);
    expect((layout.output?.y ?? 0) - (layout.dropout_1?.y ?? 0)).toBe(ROW_HEIGHT);
  });

  it("leave a spec without groups as it is", () => {
    const plain = {
      ...spec,
      nodes: spec.nodes.map(({ id, type, params }) => ({ id, type, params })),
    };
    expect(layerGroups(plain)).toEqual([]);
    expect(collapseGroups(plain)).toBe(plain);
  });
});
