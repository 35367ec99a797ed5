/**
 * What the main thread and the workers say to each other: plain, cloneable data. Types only, so
 * the main thread never loads ONNX Runtime.
 */

/** A tensor as v2 metadata describes it: shape with -1 for the batch and other free dims. */
export interface TensorMetadata {
  name: string;
  datatype: string;
  shape: number[];
}

/** A refusal or failure, answered as `{"error": message}` with this status. */
export interface TaskFailure {
  ok: false;
  status: number;
  message: string;
}

export interface PrepareTask {
  /** `share@version`: the worker keeps the session it made under this key. */
  key: string;
  bundle: Uint8Array;
  maxBundleBytes: number;
  maxJsonEntryBytes: number;
  sessionBudgetBytes: number;
}

/** A bundle checked and its served ONNX written by the server, ready to run. */
export interface PreparedModel {
  ok: true;
  key: string;
  name: string;
  task: string;
  servedEntry: string;
  /** The server's own ONNX bytes, in memory shared with every worker. */
  onnx: Uint8Array;
  /** Multiply-adds a row costs, for dense-only models (see checkBundle); else null. */
  workPerRow: number | null;
  inputs: TensorMetadata[];
  outputs: TensorMetadata[];
}

export interface InferTask {
  key: string;
  onnx: Uint8Array;
  /** The request body as received (JSON bytes), parsed in the worker. */
  body: Uint8Array;
  maxElements: number;
  sessionBudgetBytes: number;
  /** For the answer: the model's name and version as v2 reports them. */
  modelName: string;
  modelVersion: string;
  /** The id to answer with when the request has none. */
  fallbackId: string;
}

/** The answer's JSON text, made in the worker so the main thread only sends it. */
export interface InferAnswer {
  ok: true;
  json: string;
}
