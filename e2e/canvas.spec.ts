import { expect, test, type Locator, type Page } from "@playwright/test";
import { Studio } from "./studio";

function canvasNode(page: Page, type: string): Locator {
  return page.getByTestId("model-canvas").locator(`[data-layer-type="${type}"]`);
}

async function dragLayer(page: Page, type: string, y: number) {
  const item = page.getByTestId("layer-palette").locator(`[data-layer-type="${type}"]`);
  await item.scrollIntoViewIfNeeded();
  await item.dragTo(page.getByTestId("model-canvas"), { targetPosition: { x: 260, y } });
  await expect(canvasNode(page, type).last()).toBeVisible();
}

async function setParam(page: Page, label: string, value: string) {
  const field = page
    .getByRole("complementary", { name: "Layer inspector" })
    .getByLabel(label, { exact: true });
  if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
  else await field.fill(value);
}

test("digits: draw a CNN on the canvas, watch shapes and errors, train it", async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("digits-8x8.csv");
  await expect(page.getByTestId("target-select")).toHaveValue("digit");
  await page.getByRole("button", { name: "Clear the canvas" }).click();
  await expect(page.getByTestId("model-canvas").locator("[data-layer-type]")).toHaveCount(0);

  await dragLayer(page, "InputLayer", 40);
  await expect(canvasNode(page, "InputLayer")).toHaveAttribute("data-output-shape", "[null,64]");
  await dragLayer(page, "Reshape", 130);
  await setParam(page, "Target shape", "8, 8, 1");
  await expect(canvasNode(page, "Reshape")).toHaveAttribute("data-output-shape", "[null,8,8,1]");
  await dragLayer(page, "Conv2D", 220);
  await setParam(page, "Filters", "8");
  await expect(canvasNode(page, "Conv2D")).toHaveAttribute("data-output-shape", "[null,6,6,8]");
  await dragLayer(page, "MaxPooling2D", 310);
  await expect(canvasNode(page, "MaxPooling2D")).toHaveAttribute(
    "data-output-shape",
    "[null,3,3,8]",
  );
  await dragLayer(page, "Flatten", 400);
  await expect(canvasNode(page, "Flatten")).toHaveAttribute("data-output-shape", "[null,72]");
  await dragLayer(page, "Dense", 490);
  await setParam(page, "Units", "10");
  await setParam(page, "Activation", "softmax");
  await expect(canvasNode(page, "Dense")).toHaveAttribute("data-output-shape", "[null,10]");
  // 8·(3·3·1) + 8 conv weights, 72·10 + 10 dense weights.
  await expect(page.getByTestId("model-summary")).toHaveAttribute("data-params", String(80 + 730));
  await expect(page.getByTestId("train-button")).toBeEnabled();

  // A wrong layer after Flatten: the error appears on it, downstream goes unknown, training stops.
  await canvasNode(page, "Flatten").click();
  await page.getByTestId("layer-palette").locator('[data-layer-type="Conv2D"]').click();
  const wrong = canvasNode(page, "Conv2D").last();
  await expect(wrong).toHaveAttribute("data-state", "error");
  await expect(wrong).toHaveAttribute(
    "data-error",
    /Conv2D needs an input of height × width × channels/,
  );
  await expect(canvasNode(page, "Dense")).toHaveAttribute("data-state", "unknown");
  await expect(page.getByTestId("train-button")).toBeDisabled();
  await expect(page.locator("#train-blocker")).toContainText(
    "Conv2D needs an input of height × width × channels",
  );
  await page.keyboard.press("Delete");
  await expect(canvasNode(page, "Conv2D")).toHaveCount(1);
  await expect(page.getByTestId("model-canvas").locator('[data-state="error"]')).toHaveCount(0);
  await expect(canvasNode(page, "Dense")).toHaveAttribute("data-output-shape", "[null,10]");

  // A connection deleted on the canvas breaks the chain where it was; undo mends it.
  const edge = page
    .getByTestId("model-canvas")
    .locator('.react-flow__edge[data-id^="flatten_1->dense_1"]');
  await edge.click({ force: true });
  await page.keyboard.press("Delete");
  await expect(canvasNode(page, "Dense")).toHaveAttribute(
    "data-error",
    /not connected to the input/,
  );
  await page.keyboard.press("Control+z");
  await expect(canvasNode(page, "Dense")).toHaveAttribute("data-output-shape", "[null,10]");
  await expect(page.getByTestId("model-canvas").locator('[data-state="error"]')).toHaveCount(0);

  // Undo brings the wrong layer back; redo removes it again.
  await page.getByTestId("model-canvas").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+z");
  await expect(canvasNode(page, "Conv2D")).toHaveCount(2);
  await page.keyboard.press("Control+Shift+z");
  await expect(canvasNode(page, "Conv2D")).toHaveCount(1);

  // On wasm, which trains the CNN many times faster than the plain-JavaScript cpu backend.
  await page.getByTestId("epochs-input").fill("25");
  await studio.train("wasm");
  await expect(page.getByTestId("backend-badge")).toHaveText("wasm");
  const accuracy = await studio.metric("accuracy");
  console.log(`digits CNN drawn on the canvas, wasm: test accuracy ${accuracy}`);
  expect(accuracy).toBeGreaterThanOrEqual(0.85);
});
