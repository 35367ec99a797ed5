import { expect, test, type Page } from "@playwright/test";
import { Studio } from "./studio";

/**
 * Everything a Content-Security-Policy blocks on the page or in its workers: the violation events
 * the document sees, and the console lines Chromium writes for violations in workers.
 */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const lines: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) lines.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (/Content Security Policy|Refused to/i.test(error.message)) lines.push(error.message);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return async () => [
    ...lines,
    ...(await page.evaluate(
      () => (globalThis as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    )),
  ];
}

// The studio passes its own server's Content-Security-Policy: training on threaded WebAssembly
// (blob: workers), the report, export (a blob: download), a hosted link and the shared view.
test("the studio works under the server's Content-Security-Policy, and no page may frame it", async ({
  page,
  browser,
}) => {
  const violations = await watchPolicy(page);
  const response = await page.goto("/");
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");

  const studio = new Studio(page);
  await studio.dropSample("iris.csv");
  await page.getByTestId("epochs-input").fill("5");
  await studio.train("wasm");
  await expect(page.getByTestId("backend-badge")).toHaveText("wasm");

  const download = page.waitForEvent("download");
  await page.getByTestId("export-button").click();
  expect((await download).suggestedFilename()).toMatch(/\.zip$/);

  await page.getByTestId("share-mode-select").selectOption("hosted");
  await page.getByTestId("share-button").click();
  const link = page.getByTestId("share-link");
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]+$/);
  const url = await link.inputValue();
  expect(await violations()).toEqual([]);

  const visitor = await browser.newPage();
  const visitorViolations = await watchPolicy(visitor);
  const shared = await visitor.goto(url);
  expect(shared?.headers()["cache-control"]).toBe("no-store");
  await expect(visitor.getByTestId("shared-view")).toHaveAttribute("data-state", "ready");
  expect(await visitorViolations()).toEqual([]);

  // A page elsewhere cannot frame the studio (owner keys live in its storage).
  const framer = await browser.newPage();
  const blocked = await watchPolicy(framer);
  await framer.setContent(`<iframe src="${url}"></iframe>`);
  await expect
    .poll(async () => (await blocked()).join("\n"), { timeout: 10_000 })
    .toMatch(/frame-ancestors|Refused to frame/);
  await visitor.close();
  await framer.close();
});
