import { analyzeGraph, reachable } from "../model/graph";
import { MODEL_SPEC_VERSION, type Edge, type LayerNode, type ModelSpec } from "../model/spec";
import type { StoredTensor } from "../train/types";
import { mapKerasLayer, weightSuffixes, type KerasLayerJson } from "./kerasLayers";
import {
  backbonePicturesOf,
  PretrainedError,
  type BackbonePictures,
  type ModelJson,
} from "./layersModelJson";

/**
 * A tf.js LayersModel (model.json topology + weights) turned into studio layers: every Keras layer
 * mapped onto a catalog layer, the cut point proposed, and the weights renamed after the nodes, so
 * that buildModel, the ONNX export, links and projects carry the backbone like any other layers.
 */

/** A pretrained model cut at its feature layer, ready to put a head on. */
export interface Backbone {
  /** A short name for the canvas, e.g. "shapes-cnn". */
  name: string;
  /** [H, W, C] of the pictures the backbone takes. */
  inputShape: [number, number, number];
  /** The layers from the input to the cut (the cut last in `outputs`), not frozen yet. */
  spec: ModelSpec;
  /** The node whose output the head reads: the last pooled feature layer. */
  cutId: string;
  /** Output shape of the cut, e.g. [null, 64]. */
  featureShape: (number | null)[];
  /** Layers of the whole model (before the cut) and how many came after it and were left out. */
  layerCount: number;
  droppedAfterCut: string[];
  /** Parameters of the kept layers. */
  paramCount: number;
  /** Weights named `<node id>/<kernel|bias|…>`, as buildModel's layers name them. */
  weights: StoredTensor[];
  /**
   * How the pictures it learned from were fitted to its square and their colour, when it says
   * (its model.json's metadata, or a studio model's preprocessing); null when it does not.
   */
  pictures: BackbonePictures | null;
}

interface RawLayer {
  name: string;
  keras: KerasLayerJson;
  inbound: string[];
}

/** Keras names allow characters that node ids keep out; tf.js scopes weights by the same name. */
function nodeIdOf(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 64) || "layer";
}

function inboundNames(layer: Record<string, unknown>): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  if (nodes.length > 1)
    throw new PretrainedError(
      `Layer “${String(layer.name)}” is shared (called ${nodes.length} times); the studio cannot rebuild shared layers.`,
    );
  const calls = nodes[0] as unknown;
  if (!Array.isArray(calls))
    throw new PretrainedError(
      "This model.json uses a Keras 3 topology the studio cannot read yet.",
    );
  return calls.map((call) => String((call as unknown[])[0]));
}

/** The layers of a Sequential or functional topology, each with the names of its inputs. */
function rawLayers(topology: Record<string, unknown>): RawLayer[] {
  const top = (topology.model_config ?? topology) as Record<string, unknown>;
  const config = top.config as Record<string, unknown> | unknown[] | undefined;
  const list = (Array.isArray(config) ? config : config?.layers) as unknown;
  if (!Array.isArray(list) || list.length === 0)
    throw new PretrainedError("This is not a tf.js Layers model: model.json lists no layers.");
  const layers = list.map((entry) => entry as Record<string, unknown> & KerasLayerJson);
  if (top.class_name === "Sequential") {
    const out: RawLayer[] = [];
    const first = layers[0];
    if (first && first.class_name !== "InputLayer") {
      const shape = first.config.batch_input_shape;
      out.push({
        name: "input",
        keras: { class_name: "InputLayer", config: { batch_input_shape: shape } },
        inbound: [],
      });
    }
    for (const layer of layers) {
      const previous = out[out.length - 1];
      out.push({
        name: String(layer.config.name),
        keras: layer,
        inbound: previous ? [previous.name] : [],
      });
    }
    return out;
  }
  return layers.map((layer) => ({
    name: String(layer.name ?? layer.config.name),
    keras: layer,
    inbound: inboundNames(layer),
  }));
}

const POOLED = new Set(["GlobalAveragePooling2D", "GlobalMaxPooling2D"]);

/**
 * The proposed cut: the last global pooling layer (the "pooled features" of a CNN), else the last
 * Flatten. Null when the model has neither.
 */
export function proposeCut(layers: Array<{ name: string; className: string }>): string | null {
  const last = (test: (className: string) => boolean) =>
    [...layers].reverse().find((layer) => test(layer.className))?.name ?? null;
  return last((c) => POOLED.has(c)) ?? last((c) => c === "Flatten");
}

/**
 * The backbone of a tf.js LayersModel, cut at `proposeCut` (or `cutName`). Throws PretrainedError
 * naming what stands in the way: layers the catalog has no match for (before the cut), no picture
 * input, no feature layer, weights missing or of the wrong size.
 */
export function convertLayersModel(
  modelJson: ModelJson,
  weights: StoredTensor[],
  name: string,
  cutName?: string,
): Backbone {
  const raw = rawLayers(modelJson.modelTopology);
  const cut =
    cutName ?? proposeCut(raw.map((l) => ({ name: l.name, className: l.keras.class_name })));
  if (!cut || !raw.some((l) => l.name === cut))
    throw new PretrainedError(
      "This model has no pooled feature layer (GlobalAveragePooling2D, GlobalMaxPooling2D or Flatten) to cut at, so the studio cannot tell where its features end.",
    );
  const byName = new Map(raw.map((l) => [l.name, l]));
  const kept = reachable([cut], (n) => byName.get(n)?.inbound ?? []);
  const keptLayers = raw.filter((l) => kept.has(l.name));
  const nodes: LayerNode[] = [];
  const unmapped: string[] = [];
  for (const layer of keptLayers) {
    const mapped = mapKerasLayer(layer.keras);
    if (mapped.ok)
      nodes.push({ id: nodeIdOf(layer.name), type: mapped.type, params: mapped.params });
    else unmapped.push(`${layer.name} (${layer.keras.class_name}: ${mapped.reason})`);
  }
  if (unmapped.length > 0)
    throw new PretrainedError(
      `The studio cannot rebuild ${unmapped.length === 1 ? "this layer" : "these layers"} of the model: ${unmapped.join(", ")}. Choose a model made of the studio's layers.`,
    );
  const inputs = nodes.filter((n) => n.type === "InputLayer");
  const input = inputs[0];
  const shape = input?.params.shape;
  if (
    inputs.length !== 1 ||
    !Array.isArray(shape) ||
    shape.length !== 3 ||
    !(shape[2] === 1 || shape[2] === 3)
  )
    throw new PretrainedError(
      `This model does not take a picture: its input is ${Array.isArray(shape) ? `[${shape.join(", ")}]` : "not one image"}, where a picture is [height, width, 1 or 3].`,
    );
  const edges: Edge[] = keptLayers.flatMap((layer) =>
    layer.inbound.map((from, toIndex) => ({
      from: nodeIdOf(from),
      to: nodeIdOf(layer.name),
      toIndex,
    })),
  );
  const cutId = nodeIdOf(cut);
  const spec: ModelSpec = {
    version: MODEL_SPEC_VERSION,
    inputs: [(input as LayerNode).id],
    nodes,
    edges,
    outputs: [cutId],
  };
  const analysis = analyzeGraph(spec);
  if (!analysis.isValid)
    throw new PretrainedError(
      `The model's layers do not fit together in the studio: ${analysis.problems[0]?.message ?? "unknown problem"}`,
    );
  return {
    name,
    inputShape: shape as [number, number, number],
    spec,
    cutId,
    featureShape: analysis.nodes[cutId]?.shape ?? [],
    layerCount: nodes.length,
    droppedAfterCut: raw.filter((l) => !kept.has(l.name)).map((l) => l.name),
    paramCount: analysis.totalParams,
    weights: renameWeights(keptLayers, nodes, weights, analysis),
    pictures: backbonePicturesOf(modelJson),
  };
}

/** The model's weights for the kept layers, renamed `<node id>/<suffix>` and checked for size. */
function renameWeights(
  layers: RawLayer[],
  nodes: LayerNode[],
  weights: StoredTensor[],
  analysis: ReturnType<typeof analyzeGraph>,
): StoredTensor[] {
  const out: StoredTensor[] = [];
  layers.forEach((layer, i) => {
    const node = nodes[i] as LayerNode;
    let values = 0;
    for (const suffix of weightSuffixes(node.type, node.params)) {
      const wanted = `${layer.name}/${suffix}`;
      const found =
        weights.find((w) => w.name === wanted) ??
        weights.find((w) => w.name.endsWith(`/${wanted}`));
      if (!found)
        throw new PretrainedError(
          `The weights have no “${wanted}”. Give the model.json together with its own .bin files.`,
        );
      out.push({ ...found, name: `${node.id}/${suffix}` });
      values += found.values.length;
    }
    const expected = analysis.nodes[node.id]?.params;
    if (expected && expected.trainable + expected.nonTrainable !== values)
      throw new PretrainedError(
        `Layer “${layer.name}” has ${values} weight values where its configuration needs ${expected.trainable + expected.nonTrainable}.`,
      );
  });
  return out;
}
