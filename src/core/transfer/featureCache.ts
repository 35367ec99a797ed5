import type { ModelSpec } from "../model/spec";
import { valuesOf } from "../train/batchSource";
import type { AnyTrainingData, StoredTensor } from "../train/types";
import type { FrozenSplit } from "./frozen";

/**
 * Backbone features kept between runs: training the head again (other epochs, learning rate, head
 * layers) on the same pictures and backbone skips the backbone entirely.
 */

export interface CachedFeatures {
  /** Row-major [rows, featureCount] for the training and validation splits. */
  train: Float32Array;
  validation: Float32Array;
}

/** FNV-1a over bytes, continuing from `hash`. */
function fnv1a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

const textBytes = (text: string) => new TextEncoder().encode(text);

/**
 * What the features depend on: the pictures and labels of both splits (their order included), the
 * backbone's layers and its weights. Two runs with the same key get the same features.
 */
export function featureCacheKey(
  spec: ModelSpec,
  split: FrozenSplit,
  weights: StoredTensor[],
  data: AnyTrainingData,
): string {
  const backbone = new Set(split.backboneIds);
  let hash = fnv1a(textBytes(JSON.stringify(spec.nodes.filter((n) => backbone.has(n.id)))));
  for (const w of weights)
    hash = fnv1a(new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength), hash);
  for (const part of [data.train, data.validation]) {
    const values = valuesOf(part);
    hash = fnv1a(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), hash);
    hash = fnv1a(new Uint8Array(part.y.buffer, part.y.byteOffset, part.y.byteLength), hash);
  }
  return `${hash.toString(16)}:${data.train.rows}:${data.validation.rows}:${split.cutId}`;
}

/** A small most-recently-used cache of features (a few datasets' worth at most). */
export class FeatureCache {
  private readonly entries = new Map<string, CachedFeatures>();
  constructor(private readonly capacity = 2) {}

  get(key: string): CachedFeatures | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, features: CachedFeatures): void {
    this.entries.delete(key);
    this.entries.set(key, features);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
