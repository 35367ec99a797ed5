import { bench, describe } from "vitest";
import { addLayer, connect, updateParams } from "../src/core/model/edit";
import { fitInputsToData } from "../src/core/model/fit";
import { analyzeGraph } from "../src/core/model/graph";
import type { ModelSpec } from "../src/core/model/spec";

/** A chain Input → 99 Dense layers. */
function chain(length: number): ModelSpec {
  let spec: ModelSpec = { version: 1, inputs: [], nodes: [], edges: [], outputs: [] };
  let last: string | null = null;
  for (let i = 0; i < length; i++) {
    const added = addLayer(spec, i === 0 ? "InputLayer" : "Dense", { after: last });
    spec = added.spec;
    last = added.id;
  }
  return fitInputsToData(spec, 64);
}

/** Input → 33 residual blocks of (Dense, Dense, Add) = 100 nodes with skip connections. */
function residual(blocks: number): ModelSpec {
  let spec = chain(1);
  let last = spec.nodes[0]?.id ?? "";
  for (let b = 0; b < blocks; b++) {
    const first = addLayer(spec, "Dense", { after: last });
    const second = addLayer(first.spec, "Dense", { after: first.id });
    const add = addLayer(second.spec, "Add", { after: second.id });
    spec = connect(add.spec, last, add.id);
    last = add.id;
  }
  return spec;
}

const chain100 = chain(100);
const residual100 = residual(33);

describe("analyzeGraph on 100 nodes (one inspector keystroke re-runs it once)", () => {
  bench("chain of 100 Dense layers", () => {
    analyzeGraph(updateParams(chain100, "dense_50", { units: 33 }));
  });
  bench("33 residual blocks (100 nodes, 132 edges)", () => {
    analyzeGraph(updateParams(residual100, "dense_50", { units: 32 }));
  });
});
