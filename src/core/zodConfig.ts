/**
 * The studio runs under a Content-Security-Policy without 'unsafe-eval' (server/security.ts).
 * Zod's JIT would probe `new Function` when its first schema is made — refused, and reported as a
 * violation on every page and worker — so its plain parser is used everywhere. Zod reads its
 * settings from `globalThis.__zod_globalConfig`, so this module imports nothing and must run before
 * zod is loaded: each worker imports it first (a worker is one file, in import order); the page
 * runs the same line from public/zod-config.js, a classic script ahead of the studio's modules.
 */
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };

export {};
