/**
 * A worker's ONNX Runtime sessions, created only from ONNX bytes the server wrote (never from a
 * path), cached per `share@version` and bounded in bytes (least recently used goes first). A session
 * that leaves the cache while `use` runs it (the main thread runs several at once) is released
 * when its last run ends.
 */
import * as ort from "onnxruntime-node";

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

interface Entry {
  model: LoadedModel;
  bytes: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;
  /** Runs in flight per session, and the sessions evicted while running. */
  private readonly running = new Map<LoadedModel, number>();
  private readonly retired = new Set<LoadedModel>();

  /** `run` on the session of `key` (see `get`); it is not released while `run` holds it. */
  async use<T>(
    key: string,
    onnx: Uint8Array,
    budgetBytes: number,
    run: (model: LoadedModel) => Promise<T>,
  ): Promise<T> {
    const model = await this.get(key, onnx, budgetBytes);
    this.running.set(model, (this.running.get(model) ?? 0) + 1);
    try {
      return await run(model);
    } finally {
      const left = (this.running.get(model) ?? 1) - 1;
      if (left > 0) this.running.set(model, left);
      else {
        this.running.delete(model);
        if (this.retired.delete(model)) await model.session.release();
      }
    }
  }

  /** The session of `key`, created from `onnx` (the server's own bytes) when not cached. */
  async get(key: string, onnx: Uint8Array, budgetBytes: number): Promise<LoadedModel> {
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, cached);
      return cached.model;
    }
    // A private copy: the bytes may live in memory shared with the main thread.
    const session = await ort.InferenceSession.create(new Uint8Array(onnx), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
    const model = {
      session,
      inputs: session.inputMetadata.map(describe),
      outputs: session.outputMetadata.map(describe),
    };
    this.entries.set(key, { model, bytes: onnx.length });
    this.held += onnx.length;
    while (this.held > budgetBytes && this.entries.size > 1) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      this.held -= entry.bytes;
      if (this.running.has(entry.model)) this.retired.add(entry.model);
      else await entry.model.session.release();
    }
    return model;
  }
}
