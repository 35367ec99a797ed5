/**
 * Small requests to small dense models, answered on the main thread. Handing a batch-1 request to
 * the pool costs two thread hops, more than running it: on 2 cores that halved the throughput of
 * one client. What runs here is bounded before it runs: the body is small (parsed in well under a
 * millisecond), the model is one the server wrote itself from dense layers only (no loops, no
 * convolutions), and its rows × multiply-adds per row are under a cap, so a request costs
 * microseconds to a millisecond or two. Anything else goes to the pool, with its deadline.
 */
import { HttpError } from "../context";
import type { ServerConfig } from "../config";
import { SessionCache } from "../work/sessions";
import type { PreparedModel } from "../work/tasks";
import { answerInfer, InferRequestError, parseInferBody } from "../work/v2Request";

export class InlineInference {
  private readonly sessions = new SessionCache();

  constructor(private readonly limits: ServerConfig["limits"]) {}

  /** Whether a request of `bodyBytes` to `model` may be read here (the work is checked after). */
  private accepts(model: PreparedModel, bodyBytes: number): boolean {
    return model.workPerRow !== null && bodyBytes <= this.limits.inlineMaxBodyBytes;
  }

  /**
   * The answer's JSON text, or null when the request is larger or more work than the main thread
   * takes (the caller sends it to the pool). @throws HttpError for a request that is not a valid v2 request.
   */
  async infer(
    model: PreparedModel,
    version: number,
    body: Uint8Array,
    id: string,
  ): Promise<string | null> {
    const { limits } = this;
    if (!this.accepts(model, body.length)) return null;
    let request;
    try {
      request = parseInferBody(body, limits.maxInferElements);
    } catch (error) {
      if (error instanceof InferRequestError) throw new HttpError(error.statusCode, error.message);
      throw error;
    }
    const rows = Math.max(...request.inputs.map((input) => input.shape[0] ?? 1));
    if (rows * ((model.workPerRow ?? Infinity) + 1) > limits.inlineMaxWork) return null;
    const answer = await this.sessions.use(
      model.key,
      model.onnx,
      limits.inlineCacheBytes,
      (session) =>
        answerInfer(session, request, {
          modelName: model.key.split("@")[0] ?? "",
          modelVersion: String(version),
          fallbackId: id,
        }),
    );
    if (!answer.ok) throw new HttpError(answer.status, answer.message);
    return answer.json;
  }
}
