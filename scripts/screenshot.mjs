// Takes the README's screenshot: serves the build, loads iris, trains on the cpu backend and
// captures the page. Usage: npm run build && node scripts/screenshot.mjs [out.png]
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import { findChromium } from "./find-chromium.mjs";

const out = process.argv[2] ?? "docs/screenshot.png";
const port = 4190;
const server = spawn("npx", ["vite", "preview", "--port", String(port), "--strictPort"], {
  stdio: "ignore",
});
try {
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole("button", { name: /Iris flowers/ }).click();
  await page.getByTestId("dataset-summary").waitFor();
  await page.getByTestId("backend-select").selectOption("cpu");
  await page.getByTestId("train-button").click();
  await page
    .locator('[data-testid="training-status"][data-state="done"]')
    .waitFor({ timeout: 120_000 });
  await page.screenshot({ path: out, fullPage: true });
  await browser.close();
  console.log(`Saved ${out}`);
} finally {
  server.kill();
}
