/**
 * The server's configuration, read once from the environment. Every limit a stranger's request
 * meets is here, with its variable and default, so that README, tests and code agree.
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";

export interface ServerLimits {
  /** Largest bundle upload (compressed), bytes. MAX_BUNDLE_MB, 50. */
  maxBundleBytes: number;
  /** Largest JSON file inside a bundle once unpacked, bytes. MAX_JSON_ENTRY_MB, 16. */
  maxJsonEntryBytes: number;
  /** Largest v2 infer body, bytes. MAX_INFER_BODY_MB, 16. */
  maxInferBodyBytes: number;
  /** Most values (all inputs' elements together) in one infer request. MAX_INFER_ELEMENTS. */
  maxInferElements: number;
  /** Deadline of one inference, queue wait included, ms. INFER_TIMEOUT_MS, 2000. */
  inferTimeoutMs: number;
  /** Deadline for checking an uploaded bundle and writing its ONNX, ms. UPLOAD_TIMEOUT_MS. */
  uploadTimeoutMs: number;
  /**
   * Worker threads that run inference. WORKER_THREADS, cores − 1 (at least 1, at most 4): with the
   * checking thread, busy workers leave the main thread a core for health and links.
   */
  workerThreads: number;
  /** Worker threads that check bundles (uploads, a stored bundle's first use). UPLOAD_WORKERS, 1. */
  uploadWorkers: number;
  /** Inferences waiting for a worker before new ones get 503. MAX_QUEUED_TASKS, 64. */
  maxQueuedTasks: number;
  /** Inferences of one model in flight before its next request gets 503. MAX_INFER_PER_MODEL. */
  maxInferPerModel: number;
  /** Uploads (POST and PUT) being received or checked at once. MAX_CONCURRENT_UPLOADS, 4. */
  maxConcurrentUploads: number;
  /** Per client address and minute: uploads and deletions. UPLOAD_RATE_PER_MIN, 30. */
  uploadsPerMinute: number;
  /** Per client address and minute: v2 inference requests. INFER_RATE_PER_MIN, 3000. */
  infersPerMinute: number;
  /** Per client address and minute: every other route. RATE_PER_MIN, 3000. */
  requestsPerMinute: number;
  /** All stored bundles together, bytes (507 past it). MAX_DATA_GB, 10. */
  maxDataBytes: number;
  /** Stored bundles uploaded from one address, bytes (429 past it). MAX_DATA_PER_IP_MB, 1024. */
  maxDataPerClientBytes: number;
  /** Checked ONNX models kept ready in memory, bytes (least recently used goes). MODEL_CACHE_MB. */
  modelCacheBytes: number;
  /**
   * Infer bodies up to this size, to models of dense layers only, are answered on the main thread
   * (two thread hops cost more than such a request). INLINE_INFER_MAX_KB, 16.
   */
  inlineMaxBodyBytes: number;
  /** …when rows × multiply-adds per row stay at most this. INLINE_INFER_MAX_WORK, 2000000. */
  inlineMaxWork: number;
  /** The main thread's ONNX Runtime sessions for those, bytes of ONNX. INLINE_CACHE_MB, 32. */
  inlineCacheBytes: number;
  /** Whole request, headers to last body byte, ms. REQUEST_TIMEOUT_MS, 60000. */
  requestTimeoutMs: number;
  /** A connection idle this long is closed, ms. CONNECTION_TIMEOUT_MS, 20000. */
  connectionTimeoutMs: number;
  /** Open connections at once. MAX_CONNECTIONS, 512. */
  maxConnections: number;
}

export interface ServerConfig {
  /** Where SQLite and the bundle files live, absolute. DATA_DIR, ./data. */
  dataDir: string;
  /** The built studio (vite's dist/), absolute; not served when it does not exist. */
  staticDir: string | null;
  /** Origin written into share links. PUBLIC_URL; else an allowed host, else the listen address. */
  publicUrl: string | null;
  /** Hosts (`name:port`) whose Host header may name links. ALLOWED_HOSTS, comma-separated. */
  allowedHosts: string[];
  /** The address the server listens on, for links when nothing else is configured. */
  listen: { host: string; port: number };
  /** Take the client address from X-Forwarded-For (only behind a proxy). TRUST_PROXY. */
  trustProxy: boolean;
  /** The worker script (built next to main.js). */
  workerFile: URL;
  limits: ServerLimits;
}

const MB = 1024 * 1024;

/** A positive number from the environment, else `fallback`. */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, not “${raw}”.`);
  }
  return value;
}

const list = (raw: string | undefined) =>
  (raw ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/** The configuration from the environment; relative paths are resolved once, here. */
export function configFromEnv(
  env: NodeJS.ProcessEnv,
  defaults: { staticDir: string | null; workerFile: URL },
): ServerConfig {
  const int = (name: string, fallback: number) => Math.floor(positive(env, name, fallback));
  const bytes = (name: string, fallback: number, unit = MB) =>
    Math.round(positive(env, name, fallback) * unit);
  const staticDir = env.STATIC_DIR ?? defaults.staticDir;
  return {
    dataDir: resolve(env.DATA_DIR ?? "./data"),
    staticDir: staticDir ? resolve(staticDir) : null,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, "") : null,
    allowedHosts: list(env.ALLOWED_HOSTS),
    listen: { host: env.HOST ?? "127.0.0.1", port: Math.floor(Number(env.PORT ?? 4173)) },
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    workerFile: defaults.workerFile,
    limits: {
      maxBundleBytes: bytes("MAX_BUNDLE_MB", 50),
      maxJsonEntryBytes: bytes("MAX_JSON_ENTRY_MB", 16),
      maxInferBodyBytes: bytes("MAX_INFER_BODY_MB", 16),
      maxInferElements: int("MAX_INFER_ELEMENTS", 4_000_000),
      inferTimeoutMs: int("INFER_TIMEOUT_MS", 2000),
      uploadTimeoutMs: int("UPLOAD_TIMEOUT_MS", 15_000),
      workerThreads: int("WORKER_THREADS", Math.max(1, Math.min(4, availableParallelism() - 1))),
      uploadWorkers: int("UPLOAD_WORKERS", 1),
      maxQueuedTasks: int("MAX_QUEUED_TASKS", 64),
      maxInferPerModel: int("MAX_INFER_PER_MODEL", 16),
      maxConcurrentUploads: int("MAX_CONCURRENT_UPLOADS", 4),
      uploadsPerMinute: int("UPLOAD_RATE_PER_MIN", 30),
      infersPerMinute: int("INFER_RATE_PER_MIN", 3000),
      requestsPerMinute: int("RATE_PER_MIN", 3000),
      maxDataBytes: bytes("MAX_DATA_GB", 10, 1024 * MB),
      maxDataPerClientBytes: bytes("MAX_DATA_PER_IP_MB", 1024),
      modelCacheBytes: bytes("MODEL_CACHE_MB", 256),
      inlineMaxBodyBytes: bytes("INLINE_INFER_MAX_KB", 16, 1024),
      inlineMaxWork: int("INLINE_INFER_MAX_WORK", 2_000_000),
      inlineCacheBytes: bytes("INLINE_CACHE_MB", 32),
      requestTimeoutMs: int("REQUEST_TIMEOUT_MS", 60_000),
      connectionTimeoutMs: int("CONNECTION_TIMEOUT_MS", 20_000),
      maxConnections: int("MAX_CONNECTIONS", 512),
    },
  };
}
