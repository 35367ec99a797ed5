// The accuracy floors (`npm run bench:accuracy`): trained through the studio's page in Chromium,
// against the studio's own server, with the end-to-end tests' settings and page object. The
// end-to-end tests check behaviour; these check that the models still learn well enough, and print
// what they reached. Usage: vite build first (the npm script does), then
// `playwright test --config bench/accuracy.config.ts` (E2E_PORT picks the port).
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import base from "../playwright.config";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  ...base,
  testDir: "accuracy",
  timeout: 600_000,
  // Playwright runs a config's web server in the config's folder; the studio's commands run at the root.
  webServer:
    base.webServer && !Array.isArray(base.webServer)
      ? { ...base.webServer, cwd: root }
      : base.webServer,
});
