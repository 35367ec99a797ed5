/**
 * Open Inference Protocol (v2, as Triton and KServe speak it) for every hosted model. The model
 * name is the share id; versions are the share's version numbers. Tables are served through the
 * pipeline the server wrote, so raw columns go in (FP32 numbers, BYTES strings). Inference runs in
 * the worker pool: the body is read there from its raw bytes, under a deadline and a size cap, and
 * the main thread only routes, so health and metadata answer while the pool is busy. Small requests
 * to small dense models, whose cost is bounded before they run, are answered inline (inline.ts).
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { errorSchema, SHARE_ID_PATTERN, type ServerContext } from "../context";
import { perKeyLimit } from "../limits";
import { liveShare, shareVersion } from "../shareAccess";

const SERVER_VERSION = "0.2.0";

const modelParams = {
  type: "object",
  properties: {
    id: { type: "string", pattern: SHARE_ID_PATTERN },
    n: { type: "string", pattern: "^[1-9][0-9]{0,8}$" },
  },
  required: ["id"],
} as const;

const tensorMetadata = {
  type: "array",
  items: {
    type: "object",
    properties: {
      name: { type: "string" },
      datatype: { type: "string" },
      shape: { type: "array", items: { type: "integer" } },
    },
  },
} as const;

const modelMetadata = {
  type: "object",
  properties: {
    name: { type: "string" },
    versions: { type: "array", items: { type: "string" } },
    platform: { type: "string" },
    inputs: tensorMetadata,
    outputs: tensorMetadata,
  },
} as const;

const errors = {
  400: errorSchema,
  404: errorSchema,
  409: errorSchema,
  410: errorSchema,
  413: errorSchema,
  415: errorSchema,
  429: errorSchema,
  500: errorSchema,
  503: errorSchema,
  504: errorSchema,
};

type ModelRequest = FastifyRequest<{ Params: { id: string; n?: string } }>;

/** The prepared model of the request's share and version (latest without `/versions/{n}`). */
async function loadModel(ctx: ServerContext, request: ModelRequest) {
  const share = await liveShare(ctx, request.params.id);
  const n = request.params.n === undefined ? undefined : Number(request.params.n);
  const entry = shareVersion(share, n);
  const model = await ctx.models.get(share.id, entry.version, () =>
    ctx.blobs.get(share.id, entry.version),
  );
  return { share, entry, model };
}

export function v2Routes(app: FastifyInstance, ctx: ServerContext): void {
  const { limits } = ctx.config;
  const ok = { type: "object", additionalProperties: true } as const;

  app.get("/v2", { schema: { response: { 200: ok } } }, async () => ({
    name: "model-studio",
    version: SERVER_VERSION,
    extensions: [],
  }));
  app.get("/v2/health/live", { schema: { response: { 200: ok } } }, async () => ({ live: true }));
  app.get("/v2/health/ready", { schema: { response: { 200: ok } } }, async () => ({ ready: true }));

  const describe = async (request: ModelRequest) => {
    const { share, model } = await loadModel(ctx, request);
    return {
      name: share.id,
      versions: share.versions.map((v) => String(v.version)),
      platform: "onnxruntime_onnx",
      inputs: model.inputs,
      outputs: model.outputs,
    };
  };
  const metadataSchema = { params: modelParams, response: { 200: modelMetadata, ...errors } };
  app.get("/v2/models/:id", { schema: metadataSchema }, describe);
  app.get("/v2/models/:id/versions/:n", { schema: metadataSchema }, describe);

  const ready = async (request: ModelRequest) => {
    const { share } = await loadModel(ctx, request);
    return { name: share.id, ready: true };
  };
  const readySchema = { params: modelParams, response: { 200: ok, ...errors } };
  app.get("/v2/models/:id/ready", { schema: readySchema }, ready);
  app.get("/v2/models/:id/versions/:n/ready", { schema: readySchema }, ready);

  // Inference in its own scope: JSON bodies arrive as bytes (parsed and checked in a worker).
  void app.register(async (scope) => {
    scope.removeContentTypeParser(["application/json"]);
    scope.addContentTypeParser(
      "application/json",
      { parseAs: "buffer", bodyLimit: limits.maxInferBodyBytes },
      (_request, body, done) => done(null, body),
    );
    const oneModelAtATime = perKeyLimit(limits.maxInferPerModel);
    const infer = async (request: ModelRequest, reply: FastifyReply) => {
      const body = request.body;
      if (!(body instanceof Uint8Array)) {
        return reply
          .code(400)
          .send({ error: "Send a v2 inference request as JSON (Content-Type application/json)." });
      }
      const { entry, model } = await loadModel(ctx, request);
      const id = randomUUID();
      // A small request to a small dense model costs less than the hop to a worker (see inline.ts).
      const inline = await ctx.inline.infer(model, entry.version, body, id);
      const json =
        inline ??
        (await oneModelAtATime(model.key, () => ctx.pool.infer(model, entry.version, body, id)));
      return reply.type("application/json").send(json);
    };
    const options = {
      schema: { params: modelParams, response: { ...errors } },
      bodyLimit: limits.maxInferBodyBytes,
      config: { rateLimit: { max: limits.infersPerMinute, timeWindow: 60_000 } },
    };
    scope.post("/v2/models/:id/infer", options, infer);
    scope.post("/v2/models/:id/versions/:n/infer", options, infer);
  });
}
