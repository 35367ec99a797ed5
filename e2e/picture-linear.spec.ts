import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

/**
 * A picture report has the linear column and verdict tables have. Without a backbone the linear
 * model is fitted on the pictures averaged down; on the shipped backbone (transfer.spec.ts) on its
 * features. Trained on the wasm backend.
 */
const transferZip = readFileSync("tests/fixtures/shapes-transfer.zip");

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
