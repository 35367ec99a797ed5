import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

/**
 * A picture report has the linear column and verdict tables have: on the shipped backbone the
 * linear model is logistic regression on its features, and "Use the linear model" makes it the
 * model (the frozen backbone, then one Dense softmax). Trained on the wasm backend, a few epochs.
 */
const transferZip = readFileSync("tests/fixtures/shapes-transfer.zip");

test("a picture report on a backbone shows the linear column and verdict, and the linear model can be used", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("shapes-transfer.zip", transferZip, "240 images · 4 classes");
  const source = page.getByTestId("pretrained-source");
  await source.getByRole("button", { name: "Try the studio's shapes backbone" }).click();
  await source.getByRole("button", { name: /Use it/ }).click();
  await expect(
    page.getByTestId("model-canvas").locator('[data-pretrained-block="shapes-cnn"]'),
  ).toBeVisible();
  await page.getByTestId("epochs-input").fill("5");
  await page.getByTestId("epochs-input").blur();
  await studio.train("wasm");

  const table = page.getByTestId("eval-table");
  const linearAccuracy = Number(
    await table
      .locator('[data-baseline="accuracy"][data-source="linear"]')
      .first()
      .getAttribute("data-value"),
  );
  // Four shapes: chance is 0.25; the backbone's features make them easy for a linear model.
  expect(linearAccuracy).toBeGreaterThan(0.5);
  const verdict = page.getByTestId("linear-verdict");
  await expect(verdict).toContainText("A linear model (logistic regression) scores");
  await expect(verdict).toContainText("It was fitted on the 64 features of the frozen shapes-cnn.");
  await verdict.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/picture-linear-verdict.png" });
  await table.locator('[data-source="linear"]').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/picture-linear-column.png" });

  await page.getByTestId("use-linear-model").click();
  await expect(page.getByTestId("linear-model-note")).toContainText(
    "logistic regression, fitted on the training split in one go, on the 64 features of the frozen shapes-cnn",
  );
  // Its report is the linear column's, and the canvas shows the backbone then one Dense layer.
  // The new report is drawn deferred (the note is not): wait for it, not for the old one.
  await studio.reportDrawn();
  await expect.poll(() => studio.metric("accuracy")).toBe(linearAccuracy);
  const canvas = page.getByTestId("model-canvas");
  await expect(canvas.locator('[data-pretrained-block="shapes-cnn"]')).toBeVisible();
  await expect(canvas.locator('[data-layer-type="Dropout"]')).toHaveCount(0);
  await page.getByTestId("linear-model-note").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/picture-linear-run.png" });

  // Try it answers with the linear model.
  const tryIt = page.getByTestId("predict-panel");
  await tryIt.scrollIntoViewIfNeeded();
  await expect(page.getByTestId("prediction").first()).toHaveAttribute("data-predicted", /.+/, {
    timeout: 30_000,
  });

  // Shared as a hosted link (the server checks the bundle and serves it): the page says what it is.
  await page.getByTestId("share-mode-select").selectOption("hosted");
  await page.getByTestId("share-button").click();
  const link = page.getByTestId("share-link");
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]+$/, { timeout: 60_000 });
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(await link.inputValue());
  await expect(visitor.getByTestId("shared-view")).toHaveAttribute("data-state", "ready");
  await expect(visitor.getByTestId("shared-linear-fit")).toContainText(
    "logistic regression) fitted on the training pictures in one go, on the 64 features of the frozen shapes-cnn",
  );
  const sharedAccuracy = await visitor
    .getByTestId("eval-table")
    .locator('[data-metric="accuracy"]')
    .first()
    .getAttribute("data-value");
  expect(Number(sharedAccuracy)).toBe(linearAccuracy);
  await visitor.getByTestId("shared-linear-fit").scrollIntoViewIfNeeded();
  await visitor.screenshot({ path: "test-results/picture-linear-shared.png" });
  await context.close();
});

test("a picture report without a backbone fits the linear model on the pictures averaged down", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("shapes-transfer.zip", transferZip, "240 images · 4 classes");
  await page.getByTestId("epochs-input").fill("1");
  await page.getByTestId("epochs-input").blur();
  await studio.train("wasm");
  await expect(
    page.getByTestId("eval-table").locator('[data-baseline="accuracy"][data-source="linear"]'),
  ).toHaveCount(1);
  await expect(page.getByTestId("linear-verdict")).toContainText(
    "It was fitted on the pictures averaged down to 8×8 per channel.",
  );
  await page.getByTestId("use-linear-model").click();
  const canvas = page.getByTestId("model-canvas");
  await expect(canvas.locator('[data-layer-type="AveragePooling2D"]')).toHaveCount(1);
  await expect(canvas.locator('[data-layer-type="Dense"]')).toHaveCount(1);
});
