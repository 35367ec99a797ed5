import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { Studio } from "./studio";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../tests/fixtures/${name}`, import.meta.url)));

/** Screenshots at 1280×800 for a person to look at (test-results is not committed). */
const snap = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/data-report-${name}.png`, fullPage: false });

async function setEpochs(page: Page, epochs: number) {
  await page.getByTestId("epochs-input").fill(String(epochs));
  await page.getByTestId("epochs-input").blur();
}

test("an invalid split blocks Train with the reason", async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await expect(page.getByTestId("train-button")).toBeEnabled();
  await page.getByLabel("Test %").fill("35");
  await expect(page.getByRole("alert").filter({ hasText: "add up to 120%" })).toBeVisible();
  await expect(page.getByTestId("train-button")).toBeDisabled();
  await expect(page.locator("#train-blocker")).toHaveText(
    "Training is not possible yet: The split shares add up to 120%; make them add up to 100%.",
  );
  await page.locator("#train-blocker").scrollIntoViewIfNeeded();
  await snap(page, "split-blocked");
  await page.getByLabel("Validation %").fill("0");
  await page.getByLabel("Training %").fill("65");
  await expect(page.getByTestId("train-button")).toBeEnabled();
  await expect(page.getByLabel("Test %").locator("..")).toContainText("52 rows");
});

test("customers: rare classes warned at load, a date column and (missing) trained, rows joined back, balanced class weights in one action from the report", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropFile("customers.csv", fixture("customers.csv"));
  await expect(page.getByTestId("dataset-summary")).toContainText("240 rows × 6 columns");
  await expect(page.getByTestId("target-select")).toHaveValue("segment");

  // The rare classes, before any training.
  const warning = page.getByRole("status").filter({ hasText: "too small for the training" });
  await expect(warning).toContainText(
    "“segment” = “vip” has only 1 row, too few for every split: none in validation or test.",
  );
  await expect(warning).toContainText("“segment” = “enterprise” has only 2 rows");

  // The date column is a date and used; region's gaps become a category of their own.
  await expect(page.getByLabel("Type of signup_date")).toHaveValue("date");
  await expect(page.getByLabel("Use signup_date")).toBeChecked();
  await expect(page.getByLabel("Date order of signup_date")).toHaveValue("iso");
  await expect(page.getByLabel("Type of customer_id")).toHaveValue("identifier");
  await expect(page.getByText("· 10 input features")).toBeVisible();
  await page.getByLabel("Fill missing values of region").selectOption("missing-category");
  await expect(page.getByText("· 11 input features")).toBeVisible();
  await warning.scrollIntoViewIfNeeded();
  await snap(page, "customers-loaded");

  await setEpochs(page, 15);
  await studio.train("cpu");
  const accuracy = await studio.metric("accuracy");
  console.log(`customers on cpu (15 epochs): test accuracy ${accuracy}`);
  expect(accuracy).toBeGreaterThan(0.6);
  // vip has no test rows: its row says so, and the report explains the macro average.
  const table = page.getByTestId("eval-table");
  await expect(table.getByRole("rowheader", { name: /vip/ })).toContainText("no test rows");
  await expect(table.locator('[data-metric="support"][data-class="vip"]')).toHaveAttribute(
    "data-value",
    "0",
  );
  await expect(
    page.getByRole("status").filter({ hasText: "no rows in the test split" }),
  ).toContainText("“vip” has no rows in the test split");
  await page.getByTestId("eval-table").scrollIntoViewIfNeeded();
  await snap(page, "customers-report");

  // The predictions file joins back to the table by row number and id.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("download-predictions").click();
  const csv = readFileSync(await (await downloadPromise).path(), "utf8")
    .trim()
    .split("\n");
  expect(csv[0]).toBe("data_row,customer_id,actual,predicted,p_basic,p_enterprise,p_premium,p_vip");
  const source = fixture("customers.csv").toString("utf8").trim().split("\n");
  const rows = csv.slice(1).map((line) => line.split(","));
  expect(rows.length).toBe(await studio.metric("support", '[data-average="all"]'));
  for (const [dataRow, id, actual] of rows) {
    const original = source[Number(dataRow)]?.split(",") ?? [];
    expect(original[0]).toBe(id);
    expect(original[5]).toBe(actual);
  }

  // Balanced class weights in one action from the report (once a spec of its own that trained
  // customers again).
  const offer = page.getByRole("button", { name: "Use balanced class weights and retrain" });
  await expect(offer).toBeVisible();
  await offer.click();
  await expect(page.getByLabel("Class weights")).toHaveValue("balanced");
  await expect(page.getByTestId("training-status")).toHaveAttribute("data-state", "done", {
    timeout: 200_000,
  });
  await expect(offer).toHaveCount(0);
});

test("a new dataset clears the last run and offers back the model it replaced", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  // A model of the person's own: a Dropout after the first Dense layer.
  const dense = page.getByTestId("model-canvas").locator('[data-layer-type="Dense"]');
  // The model editor loads after the first paint: count its layers once they are there.
  await expect(dense.first()).toBeVisible();
  const denseCount = await dense.count();
  await dense.first().click();
  await page.getByTestId("layer-palette").locator('[data-layer-type="Dropout"]').click();
  await expect(page.getByTestId("model-canvas").locator('[data-layer-type="Dropout"]')).toHaveCount(
    1,
  );
  await setEpochs(page, 3);
  await studio.train("cpu");
  await expect(page.getByTestId("loss-chart").locator("svg").first()).toBeVisible();

  await studio.dropFile("customers.csv", fixture("customers.csv"));
  await expect(page.getByTestId("dataset-summary")).toContainText("customers.csv");
  await expect(page.getByTestId("training-status")).toHaveAttribute("data-state", "idle");
  await expect(page.getByTestId("training-status")).toHaveText("Not trained yet.");
  await expect(page.getByTestId("loss-chart")).toHaveText(
    "The curves appear here while the model trains.",
  );
  const note = page.getByRole("status").filter({ hasText: "the model you had built was replaced" });
  await expect(note).toBeVisible();
  await expect(page.getByTestId("model-canvas").locator('[data-layer-type="Dropout"]')).toHaveCount(
    0,
  );
  await note.scrollIntoViewIfNeeded();
  await snap(page, "model-replaced");

  await note.getByRole("button", { name: "Undo: restore my model" }).click();
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId("model-canvas").locator('[data-layer-type="Dropout"]')).toHaveCount(
    1,
  );
  await expect(dense).toHaveCount(denseCount);
  // The restored model takes the new data's 10 features; its 3-class head is flagged with a fix.
  await expect(
    page.getByTestId("model-canvas").locator('[data-layer-type="InputLayer"]'),
  ).toHaveAttribute("data-output-shape", /10/);
  await page.getByRole("button", { name: "Fix the model's ends for this data" }).click();
  await expect(page.getByTestId("train-button")).toBeEnabled();
});
