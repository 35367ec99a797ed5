import { describe, expect, it } from "vitest";
import { LAYER_CATALOG } from "./catalog";
import { canConnect, connectionRefusal, isLockedLayer } from "./connections";
import { connect, reconnect } from "./edit";
import type { LayerNode, ModelSpec } from "./spec";

const node = (id: string, type: LayerNode["type"], extra: Partial<LayerNode> = {}): LayerNode => ({
  id,
  type,
  params: {},
  ...extra,
});

/** input → dense_1 → concat ← dense_2 (free), plus a locked backbone layer and an unwired Dense. */
const spec: ModelSpec = {
  version: 1,
  inputs: ["input"],
  nodes: [
    node("input", "InputLayer"),
    node("dense_1", "Dense"),
    node("dense_2", "Dense"),
    node("concat", "Concatenate"),
    node("frozen", "Dense", { trainable: false, group: "backbone" }),
    node("loose", "Dense"),
  ],
  edges: [
    { from: "input", to: "dense_1", toIndex: 0 },
    { from: "dense_1", to: "concat", toIndex: 0 },
  ],
  outputs: ["concat"],
};

describe("the one connection rule", () => {
  it("refuses what the canvas refused: unknown targets, self-loops, full inputs, Input targets", () => {
    expect(connectionRefusal(spec, "input", "nowhere")).toBe("unknown-layer");
    expect(connectionRefusal(spec, "dense_2", "dense_2")).toBe("self");
    // Dense takes one input and dense_1 has it.
    expect(connectionRefusal(spec, "dense_2", "dense_1")).toBe("inputs-full");
    expect(LAYER_CATALOG.InputLayer.maxInputs).toBe(0);
    expect(connectionRefusal(spec, "dense_2", "input")).toBe("inputs-full");
  });

  it("refuses what connect() refused: unknown sources and duplicates", () => {
    expect(connectionRefusal(spec, "nowhere", "dense_2")).toBe("unknown-layer");
    expect(connectionRefusal(spec, "dense_1", "concat")).toBe("duplicate");
  });

  it("allows what the inspector offered: any other layer into one with a free input", () => {
    const offered = spec.nodes.filter((n) => canConnect(spec, n.id, "concat")).map((n) => n.id);
    expect(offered).toEqual(["input", "dense_2", "frozen", "loose"]);
    expect(spec.nodes.filter((n) => canConnect(spec, n.id, "dense_1"))).toEqual([]);
  });

  it("keeps a locked pretrained layer closed to new inputs, and says which layers are locked", () => {
    expect(connectionRefusal(spec, "loose", "frozen")).toBe("locked");
    expect(spec.nodes.filter((n) => isLockedLayer(n)).map((n) => n.id)).toEqual(["frozen"]);
    expect(isLockedLayer(undefined)).toBe(false);
  });

  it("is what connect() obeys: a refused connection leaves the spec as it was", () => {
    for (const [from, to] of [
      ["dense_2", "dense_1"],
      ["dense_1", "concat"],
      ["loose", "frozen"],
      ["dense_2", "input"],
    ] as const) {
      expect(connect(spec, from, to)).toBe(spec);
    }
    const joined = connect(spec, "dense_2", "concat");
    expect(joined.edges).toContainEqual({ from: "dense_2", to: "concat", toIndex: 1 });
  });

  it("judges a reconnection without the connection it moves", () => {
    // Moving dense_1's input from `input` to `loose` keeps dense_1 at one input.
    const moved = reconnect(
      spec,
      { from: "input", to: "dense_1" },
      { from: "loose", to: "dense_1" },
    );
    expect(moved.edges).toContainEqual({ from: "loose", to: "dense_1", toIndex: 0 });
    // Moving it onto a full layer is refused, as the canvas refuses the drop.
    const full = connect(spec, "dense_2", "loose");
    expect(reconnect(full, { from: "input", to: "dense_1" }, { from: "input", to: "loose" })).toBe(
      full,
    );
  });
});
