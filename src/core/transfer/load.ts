import { analyzeGraph, reachable } from "../model/graph";
import { MODEL_SPEC_VERSION, type ModelSpec } from "../model/spec";
import type { StoredTensor } from "../train/types";
import { convertLayersModel, proposeCut, type Backbone } from "./convert";
import {
  checkManifestSize,
  decodeWeights,
  manifestSize,
  parseModelJson,
  PretrainedError,
  type BackbonePictures,
  MAX_PRETRAINED_BYTES,
} from "./layersModelJson";
import { messageOf } from "../errors";

/**
 * Loading a pretrained backbone from where people keep them: a URL of a model.json (its shards
 * beside it, as TF Hub, Kaggle Models and tfjs-models publish them), the same files chosen from disk,
 * or a model trained in the studio (a bundle's TrainedModel).
 */

/** Reads bytes from a URL; throws when it cannot (the message is shown as is). */
export type FetchBytes = (url: string) => Promise<Uint8Array>;

/** "https://host/models/mobilenet/model.json" → "mobilenet". */
export function modelNameFromUrl(url: string): string {
  const parts = url.split(/[?#]/)[0]?.split("/").filter(Boolean) ?? [];
  const file = parts[parts.length - 1] ?? "";
  const folder = file.endsWith(".json") ? parts[parts.length - 2] : file;
  return (folder ?? "pretrained").slice(0, 40) || "pretrained";
}

async function fetchOrExplain(fetchBytes: FetchBytes, url: string, what: string) {
  try {
    return await fetchBytes(url);
  } catch (error) {
    throw new PretrainedError(
      `Could not load ${what} from ${url}: ${messageOf(error)}. Check the address, or choose the files instead.`,
    );
  }
}

/**
 * The backbone at `url` (a model.json): reads model.json, checks its weights' size from the manifest
 * before fetching any shard (refusing past `limitBytes`), then fetches the shards beside it.
 */
export async function loadBackboneFromUrl(
  url: string,
  fetchBytes: FetchBytes,
  limitBytes = MAX_PRETRAINED_BYTES,
): Promise<Backbone> {
  const text = new TextDecoder().decode(await fetchOrExplain(fetchBytes, url, "model.json"));
  const modelJson = parseModelJson(text);
  checkManifestSize(modelJson, limitBytes);
  const base = url.slice(0, url.split(/[?#]/)[0]?.lastIndexOf("/") ?? url.length);
  const shards: Uint8Array[] = [];
  for (const path of manifestSize(modelJson).paths) {
    shards.push(await fetchOrExplain(fetchBytes, `${base}/${path}`, `weights file ${path}`));
  }
  return convertLayersModel(modelJson, decodeWeights(modelJson, shards), modelNameFromUrl(url));
}

/** A chosen file: its name and bytes. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** The backbone in chosen files: one model.json (any name ending .json) and its shards by name. */
export function loadBackboneFromFiles(files: NamedBytes[], limitBytes = MAX_PRETRAINED_BYTES) {
  const json = files.filter((f) => f.name.toLowerCase().endsWith(".json"));
  if (json.length !== 1)
    throw new PretrainedError(
      `Choose exactly one model.json with its .bin files (${json.length} .json files were chosen).`,
    );
  const modelJson = parseModelJson(new TextDecoder().decode((json[0] as NamedBytes).bytes));
  checkManifestSize(modelJson, limitBytes);
  const byName = new Map(files.map((f) => [f.name.split("/").pop() ?? f.name, f.bytes]));
  const shards = manifestSize(modelJson).paths.map((path) => {
    const shard = byName.get(path.split("/").pop() ?? path);
    if (!shard)
      throw new PretrainedError(`model.json needs the weights file “${path}”: choose it too.`);
    return shard;
  });
  const name = (json[0] as NamedBytes).name.replace(/\.json$/i, "");
  return convertLayersModel(
    modelJson,
    decodeWeights(modelJson, shards),
    name === "model" ? "pretrained" : name,
  );
}

/**
 * The backbone of a model trained in the studio (a bundle's spec and weights, whose names are
 * already `<node id>/<suffix>`), cut at its last pooled feature layer.
 */
export function backboneFromTrained(
  spec: ModelSpec,
  weights: StoredTensor[],
  name: string,
  /** The studio model's own pictures (its preprocessing.image), when it was a picture model. */
  pictures: BackbonePictures | null = null,
): Backbone {
  const analysis = analyzeGraph(spec);
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const cutId = proposeCut(
    analysis.order.map((id) => ({ name: id, className: byId.get(id)?.type ?? "" })),
  );
  if (!cutId)
    throw new PretrainedError(
      "This model has no pooled feature layer (GlobalAveragePooling2D, GlobalMaxPooling2D or Flatten) to cut at.",
    );
  const kept = reachable([cutId], (id) => spec.edges.filter((e) => e.to === id).map((e) => e.from));
  const nodes = spec.nodes.filter((n) => kept.has(n.id)).map((n) => ({ ...n }));
  const input = nodes.find((n) => n.type === "InputLayer");
  const shape = input?.params.shape;
  if (!input || !Array.isArray(shape) || shape.length !== 3)
    throw new PretrainedError("This model does not take a picture ([height, width, channels]).");
  const cut: ModelSpec = {
    version: MODEL_SPEC_VERSION,
    inputs: [input.id],
    nodes,
    edges: spec.edges.filter((e) => kept.has(e.to) && kept.has(e.from)),
    outputs: [cutId],
  };
  const cutAnalysis = analyzeGraph(cut);
  return {
    name,
    inputShape: shape as [number, number, number],
    spec: cut,
    cutId,
    featureShape: cutAnalysis.nodes[cutId]?.shape ?? [],
    layerCount: nodes.length,
    droppedAfterCut: analysis.order.filter((id) => !kept.has(id)),
    paramCount: cutAnalysis.totalParams,
    weights: weights.filter((w) => kept.has(w.name.split("/")[0] ?? "")),
    pictures,
  };
}
