import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

/**
 * "Use the linear model": the report's linear model becomes a run a person can try, export and
 * share, with the numbers the report's linear column showed.
 */
test("the linear model is a run to try, export and share", async ({ page, browser }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("diabetes.csv");
  await page.getByTestId("epochs-input").fill("3");
  await studio.train("cpu");
  const linearR2 = await page
    .getByTestId("eval-table")
    .locator('[data-baseline="r2"][data-source="linear"]')
    .getAttribute("data-value");
  expect(Number(linearR2)).toBeGreaterThan(0.3);
  await page.getByTestId("linear-verdict").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/linear-verdict.png" });

  await page.getByTestId("use-linear-model").click();
  await expect(page.getByTestId("linear-model-note")).toContainText("ridge regression");
  // Its report is the linear column's, number for number; it is not compared with itself.
  // The new report is drawn deferred (the note is not): wait for it, not for the old one.
  await studio.reportDrawn();
  await expect.poll(() => studio.metric("r2")).toBe(Number(linearR2));
  await expect(page.getByTestId("linear-verdict")).toHaveCount(0);
  // The canvas shows what it is: one Dense layer after the input.
  await expect(page.locator('[data-testid="model-canvas"] [data-layer-type="Dense"]')).toHaveCount(
    1,
  );
  await expect(
    page.locator('[data-testid="model-canvas"] [data-layer-type="Dense"] .layer-node-params'),
  ).toHaveText("1 unit · linear");
  await expect(page.getByTestId("loss-chart")).toContainText("the linear model, fitted in one go");
  // Kept in the history beside the network's run.
  await expect(page.getByTestId("run-history").locator("[data-run-id]")).toHaveCount(2);
  await page.getByTestId("linear-model-note").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/linear-model-run.png" });
  await page.getByTestId("run-history").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/linear-run-history.png" });

  // Try it answers with it.
  const prediction = page.getByTestId("prediction");
  await expect(prediction).toHaveAttribute("data-predicted", /^-?\d/);
  const answer = Number(await prediction.getAttribute("data-predicted"));

  // Export: one Dense layer in the tf.js and spec files, the card names the linear model.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("export-button").click();
  const files = unzipSync(new Uint8Array(readFileSync(await (await downloadPromise).path())));
  const spec = JSON.parse(strFromU8(files["spec.json"] ?? new Uint8Array())) as {
    nodes: Array<{ type: string }>;
  };
  expect(spec.nodes.map((n) => n.type)).toEqual(["InputLayer", "Dense"]);
  expect(files["onnx/pipeline.onnx"]?.length).toBeGreaterThan(100);
  expect(strFromU8(files["model-card.md"] ?? new Uint8Array())).toContain("ridge regression");

  // Share it as a hosted link: a fresh browser gets the same report and answer.
  await page.getByTestId("share-mode-select").selectOption("hosted");
  await page.getByTestId("share-button").click();
  const link = page.getByTestId("share-link");
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]+$/);
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(await link.inputValue());
  await expect(visitor.getByTestId("shared-view")).toHaveAttribute("data-state", "ready");
  await expect(visitor.getByTestId("shared-linear-fit")).toContainText("ridge regression");
  await expect(visitor.getByTestId("eval-table").first()).toBeVisible();
  const sharedR2 = await visitor
    .getByTestId("eval-table")
    .locator('[data-metric="r2"]')
    .first()
    .getAttribute("data-value");
  expect(Number(sharedR2)).toBe(Number(linearR2));
  const shared = visitor.getByTestId("prediction");
  await expect(shared).toHaveAttribute("data-predicted", /^-?\d/);
  expect(Number(await shared.getAttribute("data-predicted"))).toBeCloseTo(answer, 4);
  await visitor.screenshot({ path: "test-results/linear-shared-view.png", fullPage: false });
  await context.close();
});
