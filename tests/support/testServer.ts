/**
 * Test support: the real server — the built `dist-server/main.js`, as `npm start` runs it — in its
 * own process, listening on a free port with a temporary DATA_DIR, spoken to over real HTTP.
 * `npm run test:server` builds it first. Options become the environment variables a person sets.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { buildBundle } from "../../src/core/export/bundle";
import { makeTrainedModel } from "./testModels";
import type { TrainedModel } from "../../src/core/project/trainedModel";

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** SIGTERM, then waits for the process to end. */
  close(): Promise<void>;
  /** SIGKILL (`kill -9`), then waits for the process to end. */
  kill(): Promise<void>;
}

export interface ServerOptions {
  dataDir?: string;
  /** A folder with index.html to serve as the studio (none by default). */
  staticDir?: string;
  maxBundleBytes?: number;
  publicUrl?: string;
  /** Any other variables (limits: INFER_TIMEOUT_MS, UPLOAD_RATE_PER_MIN, …). */
  env?: Record<string, string>;
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `studio-${prefix}-`));

const MAIN = fileURLToPath(new URL("../../dist-server/main.js", import.meta.url));

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDir("data");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    STATIC_DIR: options.staticDir ?? join(dataDir, "no-studio"),
    WORKER_THREADS: "2",
    ...(options.maxBundleBytes ? { MAX_BUNDLE_MB: String(options.maxBundleBytes / 2 ** 20) } : {}),
    ...(options.publicUrl ? { PUBLIC_URL: options.publicUrl } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not start:\n${output}`)),
      30_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Model Studio on (http:\/\/[^\s/]+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    process: child,
    close: async () => {
      child.kill("SIGTERM");
      await ended(child);
    },
    kill: async () => {
      child.kill("SIGKILL");
      await ended(child);
    },
  };
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

/** Uploads `bundle` as a new share and returns its id; anything but 201 fails with the answer. */
export async function shareId(url: string, bundle: Uint8Array): Promise<string> {
  const response = await upload(url, bundle);
  if (response.status !== 201) {
    throw new Error(`The upload was answered ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { id: string }).id;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const IRIS_COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width"];

/** A v2 request of `rows` rows for the iris model of `irisBundle`, as JSON text. */
export function irisRequest(rows: number): string {
  const column = Array.from({ length: rows }, (_, i) => 4 + (i % 30) / 10);
  return JSON.stringify({
    inputs: IRIS_COLUMNS.map((name) => ({
      name,
      shape: [rows, 1],
      datatype: "FP32",
      data: column,
    })),
  });
}

/** POSTs `body` as a v2 inference request to share `id`. */
export const infer = (server: RunningServer, id: string, body: string) =>
  fetch(`${server.url}/v2/models/${id}/infer`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });

/** An answer's status and its `error` ("" when it has none). */
export async function answer(response: Response) {
  return {
    status: response.status,
    error: ((await response.json()) as { error?: string }).error ?? "",
  };
}
