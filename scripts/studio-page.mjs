// Serves the production build (dist/) and opens it in headless Chromium at 1280×800, for the
// screenshot and the benchmarks. Closes both when `use` returns or throws.
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import { findChromium } from "./find-chromium.mjs";

export async function withStudioPage(port, use, extraArgs = []) {
  const server = spawn("npx", ["vite", "preview", "--port", String(port), "--strictPort"], {
    stdio: "ignore",
    // Its own process group, so closing it ends vite too and not only the npx wrapper.
    detached: true,
  });
  let browser;
  try {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    browser = await chromium.launch({
      executablePath: findChromium() ?? undefined,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        ...extraArgs,
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    return await use(page);
  } finally {
    await browser?.close();
    process.kill(-server.pid);
  }
}
