// Finds the Chromium that the end-to-end tests drive: CHROMIUM_PATH, then the system's, then
// Playwright's own download. Prints its path, or explains how to get one and exits 1.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
  ].filter(Boolean);
  for (const path of candidates) if (existsSync(path)) return path;
  return null;
}

async function playwrightChromium() {
  try {
    const { chromium } = await import("@playwright/test");
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = findChromium() ?? (await playwrightChromium());
  if (!path) {
    console.error(
      [
        "No Chromium found for the end-to-end tests.",
        "Install one and run again:",
        "  Debian/Ubuntu:  sudo apt-get install -y chromium",
        "  elsewhere:      npx playwright install chromium",
        "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
      ].join("\n"),
    );
    process.exit(1);
  }
  console.log(`End-to-end tests use ${path}`);
}
