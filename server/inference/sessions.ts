/**
 * ONNX Runtime sessions for hosted models, created on first use and cached per (share, version).
 * A new version or a deletion drops the share's sessions; the cache is bounded (least recently
 * used goes first) so many shares cannot exhaust memory.
 */
import * as ort from "onnxruntime-node";
import { readZipEntries } from "../../src/core/export/bundleZip";

/** A tensor as v2 metadata describes it: shape with -1 for the batch and other free dims. */
export interface V2TensorMetadata {
  name: string;
  datatype: string;
  shape: number[];
}

export interface LoadedModel {
  session: ort.InferenceSession;
  inputs: V2TensorMetadata[];
  outputs: V2TensorMetadata[];
}

/** ONNX Runtime element type → v2 datatype, for the types the server accepts. */
export const V2_DATATYPES: Partial<Record<string, string>> = {
  float32: "FP32",
  float64: "FP64",
  int32: "INT32",
  int64: "INT64",
  bool: "BOOL",
  string: "BYTES",
};

function describe(meta: ort.InferenceSession.ValueMetadata): V2TensorMetadata {
  if (!meta.isTensor) throw new Error(`The model's value ${meta.name} is not a tensor.`);
  return {
    name: meta.name,
    datatype: V2_DATATYPES[meta.type] ?? meta.type.toUpperCase(),
    // Symbolic dims (strings) and unknown ones are free: -1, as v2 writes them.
    shape: meta.shape.map((d) => (typeof d === "number" && d >= 0 ? d : -1)),
  };
}

export class SessionCache {
  private readonly entries = new Map<string, Promise<LoadedModel>>();

  constructor(private readonly capacity = 32) {}

  /** The session for `id@version`, loading `entry` from the bundle bytes `load` gives. */
  get(
    id: string,
    version: number,
    entry: string,
    load: () => Promise<Uint8Array | null>,
  ): Promise<LoadedModel> {
    const key = `${id}@${version}`;
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, cached);
      return cached;
    }
    const loading = (async () => {
      const bundle = await load();
      if (!bundle) throw new Error(`The bundle of ${key} is missing from storage.`);
      const onnx = readZipEntries(bundle, [entry]).get(entry);
      if (!onnx) throw new Error(`The bundle of ${key} has no ${entry}.`);
      // Hosted models are small; one thread each keeps many concurrent requests from fighting.
      const session = await ort.InferenceSession.create(onnx, {
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
      });
      return {
        session,
        inputs: session.inputMetadata.map(describe),
        outputs: session.outputMetadata.map(describe),
      };
    })();
    loading.catch(() => this.entries.delete(key));
    this.entries.set(key, loading);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.release(oldest);
    }
    return loading;
  }

  /** Drops the cached versions of share `id` but `keep` (after an update or a deletion). */
  drop(id: string, keep?: number): void {
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(`${id}@`) && key !== `${id}@${keep}`) this.release(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  private release(key: string): void {
    // Only forgotten, not released: a request may still be running on it, and releasing a
    // session under a running call is unsafe. The native session is freed when it is collected.
    this.entries.delete(key);
  }
}
