import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

test("iris: drop, confirm the target, train on WebGPU, read a report that adds up", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await expect(page.getByTestId("dataset-summary")).toContainText("150 rows × 5 columns");
  await expect(page.getByTestId("target-select")).toHaveValue("species");
  await expect(page.getByTestId("task-select")).toHaveValue("classification");
  await expect(page.getByTestId("model-summary")).toHaveAttribute(
    "data-params",
    String(4 * 32 + 32 + 32 * 16 + 16 + 16 * 3 + 3),
  );
  // Software WebGPU is slow: a few epochs show it trains end to end and the report adds up (how
  // well 60 epochs learn iris on WebGPU is an accuracy floor in npm run bench:accuracy).
  await page.getByTestId("epochs-input").fill("5");
  await page.getByTestId("learning-rate-input").fill("0.01");

  await studio.train("webgpu");
  await expect(page.getByTestId("backend-badge")).toHaveText("webgpu");
  await expect(page.getByTestId("loss-chart").locator("svg").first()).toBeVisible();

  const accuracy = await studio.metric("accuracy");
  console.log(`iris on webgpu (5 epochs): test accuracy ${accuracy}`);
  const testSize = await studio.metric("support", '[data-average="all"]');
  const counts = await page
    .getByTestId("confusion-matrix")
    .locator("[data-count]")
    .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-count"))));
  expect(counts).toHaveLength(9);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(testSize);
  expect(testSize).toBeGreaterThanOrEqual(22);

  // The predictions file agrees with the table.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("download-predictions").click();
  const download = await downloadPromise;
  const csv = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n");
  // data_row: the row's number among the file's data rows (iris has no id column).
  expect(csv[0]).toBe("data_row,actual,predicted,p_setosa,p_versicolor,p_virginica");
  const rows = csv.slice(1).map((line) => line.split(","));
  expect(rows).toHaveLength(testSize);
  const correct = rows.filter((r) => r[1] === r[2]).length;
  expect(correct / rows.length).toBe(accuracy);
  for (const r of rows) expect(Number(r[3]) + Number(r[4]) + Number(r[5])).toBeCloseTo(1, 4);

  // Changing a setting marks the report as stale.
  await page.getByTestId("epochs-input").fill("6");
  await expect(page.getByText("This report is out of date")).toBeVisible();
});

test("diabetes: regression on the cpu backend, a report whose R² and MSE the predictions give back", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("diabetes.csv");
  await expect(page.getByTestId("dataset-summary")).toContainText("442 rows × 11 columns");
  await expect(page.getByTestId("target-select")).toHaveValue("progression");
  await expect(page.getByTestId("task-select")).toHaveValue("regression");
  await studio.train("cpu");
  await expect(page.getByTestId("backend-badge")).toHaveText("cpu");
  const r2 = await studio.metric("r2");
  // R² ≥ 0.3 for this run is an accuracy floor in npm run bench:accuracy.
  console.log(`diabetes on cpu: test R² ${r2}`);
  expect(Number.isFinite(r2)).toBe(true);
  // The downloaded predictions give back the table's numbers.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("download-predictions").click();
  const lines = readFileSync(await (await downloadPromise).path(), "utf8")
    .trim()
    .split("\n");
  expect(lines[0]).toBe("data_row,actual,predicted");
  const rows = lines.slice(1).map((line) => line.split(",").slice(1).map(Number));
  const tested = await page.getByText(/^Tested on \d+ rows/).textContent();
  expect(rows.length).toBe(Number(/Tested on (\d+) rows/.exec(tested ?? "")?.[1]));
  const mean = rows.reduce((sum, [actual]) => sum + (actual ?? NaN), 0) / rows.length;
  const residual = rows.reduce(
    (sum, [actual, predicted]) => sum + ((actual ?? NaN) - (predicted ?? NaN)) ** 2,
    0,
  );
  const total = rows.reduce((sum, [actual]) => sum + ((actual ?? NaN) - mean) ** 2, 0);
  expect(Math.abs(1 - residual / total - r2)).toBeLessThan(1e-9 * Math.abs(r2));
  expect(Math.abs(residual / rows.length - (await studio.metric("mse")))).toBeLessThan(1e-6);
  await expect(page.getByTestId("confusion-matrix")).toHaveCount(0);
});

test("a bad file gets an alert and the loaded dataset stays", async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
  ]);
  await studio.dropFile("photo.png", png, "image/png");
  await expect(page.getByRole("alert").filter({ hasText: "photo.png" })).toBeVisible();
  await expect(page.getByTestId("dataset-summary")).toContainText("iris.csv");
  await expect(page.getByTestId("target-select")).toHaveValue("species");

  await studio.dropFile("empty.csv", "");
  await expect(page.getByRole("alert").filter({ hasText: "empty.csv" })).toBeVisible();
  await expect(page.getByTestId("dataset-summary")).toContainText("150 rows");

  // One data row is refused like the others.
  await studio.dropFile("onerow.csv", "a,b,label\n1,2,x\n");
  await expect(page.getByRole("alert").filter({ hasText: "onerow.csv" })).toContainText(
    "has only 1 data row",
  );
  await expect(page.getByTestId("dataset-summary")).toContainText("iris.csv");

  // Ragged rows are skipped and reported, not fatal.
  // (Ten good rows: fewer cannot be trained on, and are refused.)
  const good = Array.from({ length: 10 }, (_, i) => `${i},${i * 2},${i % 2 ? "x" : "y"}`);
  await studio.dropFile("ragged.csv", `a,b,label\n${good.join("\n")}\n5,6\n`);
  await expect(page.getByTestId("dataset-summary")).toContainText("ragged.csv");
  await expect(
    page.getByRole("status").filter({ hasText: "wrong number of fields" }),
  ).toBeVisible();
});
