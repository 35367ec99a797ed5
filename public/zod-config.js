// Zod's settings, before the studio loads zod: jitless, since the studio runs under a
// Content-Security-Policy without 'unsafe-eval' and zod's JIT would probe `new Function` (a refused,
// reported violation). A classic script, so it runs before the studio's module scripts.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, {
  jitless: true,
});
