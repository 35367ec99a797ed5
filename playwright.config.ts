import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
// @ts-expect-error: a plain .mjs helper shared with the npm scripts.
import { findChromium } from "./scripts/find-chromium.mjs";

const port = Number(process.env.E2E_PORT ?? 4180);
// Made once: Playwright's workers load this file again and inherit the variable.
process.env.STUDIO_E2E_DATA ??= mkdtempSync(join(tmpdir(), "studio-e2e-"));
const e2eDataDir = process.env.STUDIO_E2E_DATA;
const systemChromium = (findChromium as () => string | null)();
const buildServer =
  process.env.STUDIO_SERVER_BUILT === "1"
    ? ""
    : "npx vite build --config server/vite.config.ts --logLevel warn && ";

export default defineConfig({
  testDir: "e2e",
  timeout: 240_000,
  // Two browsers share the cores: a page that is ready in 8 s alone can take twice that beside another.
  expect: { timeout: 30_000 },
  // Two browsers side by side, test by test: a spec spends much of its time waiting on a page (loads,
  // lazy sections, a report drawn deferred) that leaves a core idle. Tests share nothing but the
  // server: each has its own browser context (storage, IndexedDB) and its own shares on the server,
  // whose upload limit (30 a minute per address) the whole suite stays well under.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: systemChromium && existsSync(systemChromium) ? systemChromium : undefined,
      args: [
        "--enable-unsafe-webgpu",
        "--enable-features=Vulkan",
        "--use-angle=swiftshader",
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // The studio's own server (static studio, share API, v2 inference) on a fresh data folder. It is
  // built here (a few seconds) so a run never tests a stale server, unless STUDIO_SERVER_BUILT says
  // the same command built it moments ago (`npm test`: test:server builds it); the studio is built
  // first (`npm run test:e2e`).
  webServer: {
    command: `${buildServer}node dist-server/main.js`,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: e2eDataDir,
    },
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
