/**
 * Test support: the real server (createServer, as main.ts runs it) listening on a free port with a
 * temporary DATA_DIR, spoken to over real HTTP.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { buildBundle } from "../src/core/export/bundle";
import { makeTrainedModel } from "../tests/support/testModels";
import type { TrainedModel } from "../src/core/project/trainedModel";
import { createServer, type ServerConfig } from "./app";

export interface RunningServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `studio-${prefix}-`));

export async function startServer(options: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDir("data");
  const app = await createServer({
    dataDir,
    staticDir: options.staticDir ?? null,
    maxBundleBytes: options.maxBundleBytes ?? 50 * 1024 * 1024,
    publicUrl: options.publicUrl ?? null,
  });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url: address, dataDir, close: () => app.close() };
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** A trained iris classifier (a table model: the server hosts its pipeline.onnx) and its bundle. */
export async function irisBundle(epochs = 3): Promise<{ model: TrainedModel; bundle: Uint8Array }> {
  await tf.setBackend("cpu");
  const model = await makeTrainedModel({
    file: "public/samples/iris.csv",
    target: "species",
    task: "classification",
    epochs,
  });
  return { model, bundle: await buildBundle(model, tf) };
}

export function upload(url: string, bundle: Uint8Array, init: RequestInit = {}) {
  return fetch(`${url}/api/shares`, {
    method: "POST",
    headers: { "content-type": "application/zip" },
    body: Buffer.from(bundle),
    ...init,
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
