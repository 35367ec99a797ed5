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

export default defineConfig({
  testDir: "e2e",
  timeout: 240_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
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
  // rebuilt here (a few seconds) so a run never tests a stale server; the studio is built first.
  webServer: {
    command:
      "npx vite build --config server/vite.config.ts --logLevel warn && node dist-server/main.js",
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
