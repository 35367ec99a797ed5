/**
 * The worker threads' entry (run by piscina): checking an uploaded or stored bundle and writing
 * its ONNX (`prepare`), and v2 inference (`infer`). Everything heavy a request can cause happens
 * here, off the main thread, under the pool's deadline; health and link routes never wait for it.
 */
import { BundleError } from "../../src/core/export/bundleZip";
import { OnnxExportError } from "../../src/core/export/onnx/errors";
import { checkBundle } from "./checkBundle";
import { SessionCache } from "./sessions";
import type { InferAnswer, InferTask, PrepareTask, PreparedModel, TaskFailure } from "./tasks";
import { answerInfer, InferRequestError, parseInferBody } from "./v2Request";

const sessions = new SessionCache();

const failure = (status: number, message: string): TaskFailure => ({ ok: false, status, message });

/** Bytes in memory the main thread and every worker can read without a copy. */
function shared(bytes: Uint8Array): Uint8Array {
  const view = new Uint8Array(new SharedArrayBuffer(bytes.length));
  view.set(bytes);
  return view;
}

export async function prepare(task: PrepareTask): Promise<PreparedModel | TaskFailure> {
  let checked;
  try {
    checked = checkBundle(task.bundle, task);
  } catch (error) {
    if (error instanceof BundleError || error instanceof OnnxExportError) {
      return failure(400, error.message);
    }
    throw error;
  }
  const onnx = shared(checked.onnx);
  let model;
  try {
    model = await sessions.get(task.key, onnx, task.sessionBudgetBytes);
  } catch (error) {
    return failure(
      400,
      `ONNX Runtime cannot load the model the server wrote from this bundle: ${String((error as Error).message).slice(0, 300)}`,
    );
  }
  return {
    ok: true,
    key: task.key,
    name: checked.name,
    task: checked.task,
    servedEntry: checked.servedEntry,
    onnx,
    workPerRow: checked.workPerRow,
    inputs: model.inputs,
    outputs: model.outputs,
  };
}

export async function infer(task: InferTask): Promise<InferAnswer | TaskFailure> {
  const model = await sessions.get(task.key, task.onnx, task.sessionBudgetBytes);
  let request;
  try {
    request = parseInferBody(task.body, task.maxElements);
  } catch (error) {
    if (error instanceof InferRequestError) return failure(error.statusCode, error.message);
    throw error;
  }
  return answerInfer(model, request, task);
}
