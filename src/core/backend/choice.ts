import { z } from "zod";
import { BACKEND_LABELS, BACKEND_ORDER, type BackendName } from "./backends";

/** What measuring one backend found: its training speed, or why it was not measured. */
export interface BackendTiming {
  backend: BackendName;
  /** Training samples per second over the timed steps (after a warm-up step); null when not measured. */
  samplesPerSecond: number | null;
  /** "measured", or why there is no figure: could not start, or lacks a kernel the model needs. */
  status: "measured" | "unavailable" | "unsupported";
  /** True when the backend runs on a software adapter (SwiftShader, llvmpipe…): a GPU API without a GPU. */
  softwareAdapter: boolean;
  /** wasm only, when its thread count was measured too: the threads this timing ran on. */
  threads?: number;
}

/** The backend a measurement chose and the figures it chose from. */
export interface BackendChoice {
  backend: BackendName;
  timings: BackendTiming[];
}

/**
 * How much faster more wasm threads must train to be worth them (10%): a thread that barely helps
 * still takes a core from the page and the rest of the machine.
 */
export const MORE_THREADS_MARGIN = 1.1;

/**
 * Each backend's best measured timing. A backend timed at several wasm thread counts keeps the
 * fewest threads unless more are at least MORE_THREADS_MARGIN faster.
 */
export function bestTimings(timings: readonly BackendTiming[]): Map<BackendName, BackendTiming> {
  const best = new Map<BackendName, BackendTiming>();
  const measuredTimings = timings
    .filter((t) => t.status === "measured" && t.samplesPerSecond !== null)
    .sort((a, b) => (a.threads ?? 1) - (b.threads ?? 1));
  for (const timing of measuredTimings) {
    const current = best.get(timing.backend);
    const margin =
      current && (timing.threads ?? 1) > (current.threads ?? 1) ? MORE_THREADS_MARGIN : 1;
    if (!current || (timing.samplesPerSecond ?? 0) > (current.samplesPerSecond ?? 0) * margin)
      best.set(timing.backend, timing);
  }
  return best;
}

/** The wasm thread count the timings favour (see bestTimings), or null when none was measured. */
export function preferredWasmThreads(timings: readonly BackendTiming[]): number | null {
  return bestTimings(timings).get("wasm")?.threads ?? null;
}

/**
 * The fastest measured backend, or null when none could be measured. Ties go to the earlier
 * backend of BACKEND_ORDER, so the choice does not depend on the order of `timings`.
 */
export function fastestBackend(timings: readonly BackendTiming[]): BackendName | null {
  const best = bestTimings(timings);
  let fastest: BackendTiming | null = null;
  for (const backend of BACKEND_ORDER) {
    const timing = best.get(backend);
    if (timing && (!fastest || (timing.samplesPerSecond ?? 0) > (fastest.samplesPerSecond ?? 0)))
      fastest = timing;
  }
  return fastest?.backend ?? null;
}

/**
 * The order to train in after a measurement: measured backends fastest first, then those not
 * measured in BACKEND_ORDER (a backend that broke while measuring may still be the last resort).
 */
export function backendsByMeasuredSpeed(timings: readonly BackendTiming[]): BackendName[] {
  const best = bestTimings(timings);
  const speed = (backend: BackendName) => best.get(backend)?.samplesPerSecond ?? -1;
  // Array.prototype.sort is stable, so equal speeds keep BACKEND_ORDER.
  return [...BACKEND_ORDER].sort((a, b) => speed(b) - speed(a));
}

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Three significant figures at most, so noise does not look like precision: 11,638 → "11,600". */
export function roundSamplesPerSecond(value: number): string {
  if (!(value > 0)) return "0";
  const magnitude = Math.pow(10, Math.max(0, Math.floor(Math.log10(value)) - 2));
  return numberFormat.format(Math.round(value / magnitude) * magnitude);
}

/**
 * The figures for a person, fastest first: "WebAssembly 11,600 samples/s · WebGPU 390 samples/s,
 * software adapter". Backends that could not be measured are left out (notes say why).
 */
export function describeTimings(timings: readonly BackendTiming[]): string {
  return timings
    .filter((t) => t.status === "measured" && t.samplesPerSecond !== null)
    .sort((a, b) => (b.samplesPerSecond ?? 0) - (a.samplesPerSecond ?? 0))
    .map((t) => {
      const label = t.threads
        ? `${shortLabel(t.backend)} (${threadsText(t.threads)})`
        : shortLabel(t.backend);
      const figure = `${label} ${roundSamplesPerSecond(t.samplesPerSecond ?? 0)} samples/s`;
      return t.softwareAdapter ? `${figure}, software adapter` : figure;
    })
    .join(" · ");
}

const threadsText = (threads: number) => (threads === 1 ? "1 thread" : `${threads} threads`);

function shortLabel(backend: BackendName): string {
  return backend === "cpu" ? "CPU" : BACKEND_LABELS[backend];
}

/** What an adapter says about itself (GPUAdapterInfo, or WebGL's unmasked renderer as `description`). */
export interface AdapterDescription {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  /** WebGPU's own flag for a fallback (software) adapter. */
  isFallbackAdapter?: boolean;
}

const SOFTWARE_RENDERERS =
  /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render|warp/i;

/** True when the adapter renders in software: a CPU pretending to be a GPU, slower than wasm. */
export function isSoftwareAdapter(info: AdapterDescription | null | undefined): boolean {
  if (!info) return false;
  if (info.isFallbackAdapter) return true;
  return [info.vendor, info.architecture, info.device, info.description].some(
    (text) => typeof text === "string" && SOFTWARE_RENDERERS.test(text),
  );
}

/** FNV-1a over the text, as 8 hex digits: short cache keys, not security. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * The key a measured choice is cached under: what decides the speed (the layers and their
 * parameters, the input width, the batch size) and the device (browser, cores, isolation). Layer
 * ids and canvas positions do not count, so renaming or moving a layer keeps the choice.
 */
export function choiceCacheKey(input: {
  spec: { nodes: ReadonlyArray<{ type: string; params: unknown }>; edges: unknown };
  featureCount: number;
  batchSize: number;
  device: string;
}): string {
  const layers = input.spec.nodes.map((n) => [n.type, n.params]);
  const model = JSON.stringify([layers, input.featureCount, input.batchSize]);
  return `backend-choice:${hash(model)}:${hash(input.device)}`;
}

/** Somewhere to keep small strings between visits (localStorage in the page, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const backendNameSchema = z.enum(["webgpu", "webgl", "wasm", "cpu"]);
const choiceSchema = z.object({
  backend: backendNameSchema,
  timings: z.array(
    z.object({
      backend: backendNameSchema,
      samplesPerSecond: z.number().nonnegative().nullable(),
      status: z.enum(["measured", "unavailable", "unsupported"]),
      softwareAdapter: z.boolean(),
      threads: z.number().int().positive().optional(),
    }),
  ),
});

/** The cached choice for `key`, or null when there is none or it is not one (checked, not trusted). */
export function readCachedChoice(storage: KeyValueStorage, key: string): BackendChoice | null {
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const parsed = choiceSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keeps a measured choice; storage that is full or refused is not worth failing a run for. */
export function writeCachedChoice(storage: KeyValueStorage, key: string, choice: BackendChoice) {
  try {
    storage.setItem(key, JSON.stringify(choice));
  } catch {
    // A later run measures again.
  }
}

/**
 * The sentence the training section shows for an auto choice: the figures, the backends that
 * could not train this model, and where training runs.
 */
export function describeChoice(choice: BackendChoice, cached: boolean): string {
  const figures = describeTimings(choice.timings);
  const lacking = choice.timings
    .filter((t) => t.status === "unsupported")
    .map((t) => shortLabel(t.backend));
  const parts = [
    `${cached ? "Measured in an earlier run on this device" : "Measured on this device"}: ${figures || "no backend could be timed"}.`,
  ];
  if (lacking.length > 0)
    parts.push(`${lacking.join(" and ")} cannot train this model (a missing kernel).`);
  parts.push(`Training on ${shortLabel(choice.backend)}.`);
  return parts.join(" ");
}

/** A wasm thread count and the training speed measured on it. */
export interface ThreadTiming {
  threads: number;
  samplesPerSecond: number;
}

/**
 * How wasm runs, for a person: on how many threads, and why. With `measured` (the speeds at each
 * thread count for this model), says that the count was chosen by measuring.
 */
export function describeWasmThreads(
  threads: number,
  crossOriginIsolated: boolean,
  measured: readonly ThreadTiming[] = [],
): string {
  const figures = [...measured]
    .sort((a, b) => b.threads - a.threads)
    .map((t) => `${threadsText(t.threads)} ${roundSamplesPerSecond(t.samplesPerSecond)} samples/s`)
    .join(" · ");
  if (measured.length > 1) {
    return `WebAssembly runs on ${threadsText(threads)}, measured fastest for this model (${figures}).`;
  }
  if (threads > 1) return `WebAssembly runs on ${threads} threads.`;
  return crossOriginIsolated
    ? "WebAssembly runs on one thread."
    : "WebAssembly runs on one thread: the page is not cross-origin isolated (serve it with the COOP/COEP headers to use every core).";
}
