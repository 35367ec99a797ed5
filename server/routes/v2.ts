/**
 * Open Inference Protocol (v2, as Triton and KServe speak it) for every hosted model, run by ONNX
 * Runtime. The model name is the share id; versions are the share's version numbers. Tables are
 * served through the bundle's pipeline.onnx, so raw columns go in (FP32 numbers, BYTES strings).
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { errorSchema, HttpError, SHARE_ID_PATTERN, type ServerContext } from "../context";
import {
  feedsFor,
  InferRequestError,
  v2Outputs,
  type V2InferRequest,
} from "../inference/v2Request";
import { liveShare, shareVersion } from "../shareAccess";

const SERVER_VERSION = "0.1.0";

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

const inferBody = {
  type: "object",
  properties: {
    id: { type: "string" },
    parameters: { type: "object" },
    inputs: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          shape: { type: "array", items: { type: "integer", minimum: 0 } },
          datatype: { type: "string" },
          parameters: { type: "object" },
          data: { type: "array" },
        },
        required: ["name", "shape", "datatype", "data"],
      },
    },
    outputs: {
      type: "array",
      items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    },
  },
  required: ["inputs"],
} as const;

const inferResponse = {
  type: "object",
  properties: {
    model_name: { type: "string" },
    model_version: { type: "string" },
    id: { type: "string" },
    outputs: {
      type: "array",
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          datatype: { type: "string" },
          shape: { type: "array", items: { type: "integer" } },
          data: { type: "array" },
        },
      },
    },
  },
} as const;

const errors = { 400: errorSchema, 404: errorSchema, 410: errorSchema, 500: errorSchema };

type ModelRequest = FastifyRequest<{ Params: { id: string; n?: string } }>;

/** The cached session of the request's share and version (latest without `/versions/{n}`). */
async function loadModel(ctx: ServerContext, request: ModelRequest) {
  const share = await liveShare(ctx, request.params.id);
  const n = request.params.n === undefined ? undefined : Number(request.params.n);
  const entry = shareVersion(share, n);
  const model = await ctx.sessions.get(share.id, entry.version, entry.servedEntry, () =>
    ctx.blobs.get(share.id, entry.version),
  );
  return { share, entry, model };
}

export function v2Routes(app: FastifyInstance, ctx: ServerContext, inferBodyLimit: number): void {
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

  const infer = async (request: ModelRequest) => {
    const body = request.body as V2InferRequest;
    const { share, entry, model } = await loadModel(ctx, request);
    const { feeds, outputs } = feedsFor(model, body);
    let results;
    try {
      results = await model.session.run(feeds, outputs);
    } catch (error) {
      // The request passed every check, so a failure here is the model's or the runtime's.
      throw new HttpError(500, `ONNX Runtime could not run the model: ${(error as Error).message}`);
    }
    return {
      model_name: share.id,
      model_version: String(entry.version),
      id: body.id ?? randomUUID(),
      outputs: v2Outputs(model, results, outputs),
    };
  };
  const inferSchema = {
    params: modelParams,
    body: inferBody,
    response: { 200: inferResponse, ...errors, 413: errorSchema },
  };
  const options = { schema: inferSchema, bodyLimit: inferBodyLimit };
  app.post("/v2/models/:id/infer", options, infer);
  app.post("/v2/models/:id/versions/:n/infer", options, infer);
}

export { InferRequestError };
