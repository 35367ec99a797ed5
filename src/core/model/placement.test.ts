import { describe, expect, it } from "vitest";
import { addLayer, placementFor } from "./edit";
import { autoLayout, freeSpot, overlaps, placeInserted, type Layout } from "./layout";
import type { ModelSpec } from "./spec";
import { defaultModelFor, TEMPLATES, type DataShape } from "./templates";

const iris: DataShape = { featureCount: 4, task: "classification", classCount: 3 };
const empty: ModelSpec = { version: 1, inputs: [], nodes: [], edges: [], outputs: [] };

function overlappingPairs(layout: Layout): string[] {
  const entries = Object.entries(layout);
  const pairs: string[] = [];
  entries.forEach(([a, p], i) => {
    for (const [b, q] of entries.slice(i + 1)) if (overlaps(p, q)) pairs.push(`${a}/${b}`);
  });
  return pairs;
}

/** Adds `type` where a palette press puts it, and places it as the canvas does. */
function press(
  spec: ModelSpec,
  layout: Layout,
  type: "Dropout" | "Dense",
  selected: string | null,
) {
  const added = addLayer(spec, type, placementFor(spec, type, selected) ?? {});
  return { ...added, layout: placeInserted(added.spec, layout, added.id) };
}

describe("where a new layer goes", () => {
  it("with nothing selected, goes just before the output, wired in, and the head stays last", () => {
    const spec = defaultModelFor(iris);
    expect(placementFor(spec, "Dropout", null)).toEqual({ before: "output" });
    const { spec: next, id } = press(spec, autoLayout(spec), "Dropout", null);
    expect(next.outputs).toEqual(["output"]);
    expect(next.edges).toEqual(
      expect.arrayContaining([
        { from: "dense_2", to: id, toIndex: 0 },
        { from: id, to: "output", toIndex: 0 },
      ]),
    );
    expect(next.edges.some((e) => e.from === "dense_2" && e.to === "output")).toBe(false);
    expect(next.edges).toHaveLength(spec.edges.length + 1);
  });

  it("after the selected layer when there is one; Input layers are never wired", () => {
    const spec = defaultModelFor(iris);
    expect(placementFor(spec, "Dense", "dense_1")).toEqual({ after: "dense_1" });
    expect(placementFor(spec, "InputLayer", "dense_1")).toBeNull();
    expect(placementFor(spec, "Dense", "gone")).toEqual({ before: "output" });
  });

  it("after a lone Input when the model has no output yet, and nowhere on an empty canvas", () => {
    expect(placementFor(empty, "Dense", null)).toBeNull();
    const input = addLayer(empty, "InputLayer");
    expect(placementFor(input.spec, "Dense", null)).toEqual({ after: input.id });
    const dense = addLayer(input.spec, "Dense", { after: input.id });
    expect(dense.spec.outputs).toEqual([dense.id]);
  });

  it("keeps a multi-input output's other inputs when inserting before it", () => {
    const residual = TEMPLATES.find((t) => t.id === "residual")?.build(iris) as ModelSpec;
    const added = addLayer(residual, "Dropout", { before: "add_1" });
    const intoAdd = added.spec.edges.filter((e) => e.to === "add_1");
    expect(intoAdd).toEqual(
      expect.arrayContaining([
        { from: added.id, to: "add_1", toIndex: 0 },
        { from: "dense_1", to: "add_1", toIndex: 1 },
      ]),
    );
    expect(added.spec.edges).toContainEqual({ from: "dense_3", to: added.id, toIndex: 0 });
  });
});

describe("placing a new layer on the canvas", () => {
  it("never lands on another layer, whichever layer of any template it follows", () => {
    for (const template of TEMPLATES) {
      const spec = template.build({ ...iris, featureCount: 16 }) as ModelSpec;
      const layout = autoLayout(spec);
      for (const selected of [null, ...spec.nodes.map((n) => n.id)]) {
        const placed = press(spec, layout, "Dense", selected);
        expect(overlappingPairs(placed.layout), `${template.id} after ${selected}`).toEqual([]);
      }
    }
  });

  it("steps aside for a loose layer that sits right below the selected one", () => {
    const loose = addLayer(defaultModelFor(iris), "Dropout");
    const layout = autoLayout(defaultModelFor(iris));
    const below = { x: layout.dense_1?.x ?? 0, y: (layout.dense_1?.y ?? 0) + 120 };
    const withLoose = { ...layout, [loose.id]: below };
    const placed = press(loose.spec, withLoose, "Dense", "dense_1");
    expect(overlappingPairs(placed.layout)).toEqual([]);
    expect(placed.layout[loose.id]).toEqual(below);
  });

  it("puts the new layer where the output was and moves the output a row down", () => {
    const spec = defaultModelFor(iris);
    const layout = autoLayout(spec);
    const placed = press(spec, layout, "Dropout", null);
    expect(placed.layout[placed.id]).toEqual(layout.output);
    expect(placed.layout.output?.y).toBe((layout.output?.y ?? 0) + 120);
  });

  it("moves a layer off a spot already taken by a side branch", () => {
    const layout: Layout = { a: { x: 0, y: 0 }, b: { x: 50, y: 40 } };
    const spot = freeSpot(layout, { x: 0, y: 0 });
    expect(Object.values(layout).some((p) => overlaps(p, spot))).toBe(false);
    expect(spot.y).toBe(0);
  });
});
