import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

const digitsZip = readFileSync("tests/fixtures/digits-png.zip");

test("a backbone says which fit and colour it receives, and one click gives the pictures its own (stretched RGB)", async ({
  page,
}) => {
  test.setTimeout(200_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("digits-png.zip", digitsZip, "600 images · 10 classes");
  // The studio's default fit is pad; the digits are grayscale.
  await expect(page.getByTestId("image-fit-select")).toHaveValue("pad");

  const source = page.getByTestId("pretrained-source");
  await source.getByRole("button", { name: "Try the studio's shapes backbone" }).click();
  await expect(source.locator('[data-backbone="shapes-cnn"]')).toContainText("takes 32×32×3");
  await expect(source.getByTestId("backbone-receives")).toHaveText(
    "The backbone receives your pictures as 32×32 RGB, padded (“pad”, the fit set in the Data section). It learned from stretched 32×32 RGB pictures.",
  );
  const fit = source.getByTestId("backbone-fit");
  await expect(fit).toContainText(
    "This backbone takes 32×32 RGB pictures; yours are 32×32 grayscale. It learned from stretched pictures (“stretch”); yours are padded (“pad”)",
  );
  await fit.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/backbone-fit.png" });
  await fit.getByRole("button", { name: "Switch pictures to RGB, stretched" }).click();

  // Decoded again with the backbone's own fit and colour, then the backbone is on the canvas.
  const block = page.getByTestId("model-canvas").locator('[data-pretrained-block="shapes-cnn"]');
  await expect(block).toContainText("Pretrained: shapes-cnn", { timeout: 60_000 });
  await expect(fit).toHaveCount(0);
  await expect(page.getByTestId("dataset-summary")).toContainText("32×32×3");
  await expect(page.getByTestId("image-fit-select")).toHaveValue("stretch");
  await expect(source.getByTestId("backbone-receives")).toContainText(
    "It learned from stretched 32×32 RGB pictures: the same.",
  );
  await source.getByTestId("backbone-receives").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/backbone-fit-matched.png" });
});
