/** The backends the studio can train on, fastest first. */
export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
export type BackendPreference = "auto" | BackendName;

export const BACKEND_ORDER: readonly BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];

export const BACKEND_LABELS: Record<BackendPreference, string> = {
  auto: "Auto (fastest available)",
  webgpu: "WebGPU",
  webgl: "WebGL",
  wasm: "WebAssembly",
  cpu: "CPU (plain JavaScript)",
};

/**
 * The backends to try, in order. An explicit choice comes first and the faster-to-slower order
 * follows it, so that training can still go on (and say so) when the chosen one fails.
 */
export function backendCandidates(preference: BackendPreference): BackendName[] {
  if (preference === "auto") return [...BACKEND_ORDER];
  const index = BACKEND_ORDER.indexOf(preference);
  return [preference, ...BACKEND_ORDER.slice(index + 1)];
}
