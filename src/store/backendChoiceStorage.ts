import type { KeyValueStorage } from "../core/backend/choice";

/** Key-value storage in memory, for this visit only. */
export function memoryKeyValueStorage(): KeyValueStorage {
  const memory = new Map<string, string>();
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
  };
}

/**
 * Where measured backend choices are kept between visits: localStorage when the page has it (it
 * can be missing or refused, as in private windows and Node tests), else memory for this visit.
 */
export function browserBackendChoices(): KeyValueStorage {
  try {
    if (typeof localStorage !== "undefined" && localStorage !== null) return localStorage;
  } catch {
    // Access refused (storage disabled): fall through to memory.
  }
  return memoryKeyValueStorage();
}

/** What identifies this device for a cached choice: the browser, its cores, and isolation (threads). */
export function deviceDescription(): string {
  const nav = typeof navigator === "undefined" ? null : navigator;
  const isolated = typeof crossOriginIsolated === "boolean" ? crossOriginIsolated : false;
  return [nav?.userAgent ?? "unknown", nav?.hardwareConcurrency ?? 0, isolated].join("|");
}
