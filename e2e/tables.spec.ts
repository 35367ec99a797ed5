import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { contrastViolations } from "./contrast";
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

// One diabetes run serves the regression report, try-it, the report's accessibility and the linear
// model made a run (each once a spec of its own that trained the same model again).
test("diabetes: regression on cpu, a report the predictions give back, try-it in the target's units, AA contrast, and the linear model as a run to try, export and share", async ({
  page,
  browser,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("diabetes.csv");
  await expect(page.getByTestId("dataset-summary")).toContainText("442 rows × 11 columns");
  await expect(page.getByTestId("target-select")).toHaveValue("progression");
  await expect(page.getByTestId("task-select")).toHaveValue("regression");
  // A few epochs: what is checked here does not depend on how well it learns (R² ≥ 0.3 with the
  // defaults is an accuracy floor in npm run bench:accuracy).
  await page.getByTestId("epochs-input").fill("5");
  await studio.train("cpu");
  await expect(page.getByTestId("backend-badge")).toHaveText("cpu");
  const r2 = await studio.metric("r2");
  console.log(`diabetes on cpu (5 epochs): test R² ${r2}`);
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

  // Try it answers in the target's units, as the report did for the same test row: the panel
  // starts from the first test row, and the predictions file lists the test rows in order.
  const prediction = page.getByTestId("prediction");
  await expect(prediction).toHaveAttribute("data-predicted", /^-?\d/);
  await expect(prediction.locator("[data-class]")).toHaveCount(0);
  const value = Number(await prediction.getAttribute("data-predicted"));
  const [firstActual, firstPredicted] = rows[0] ?? [];
  expect(value).toBe(firstPredicted);
  await expect(page.getByTestId("predict-panel")).toContainText(
    `its progression is ${firstActual}`,
  );
  console.log(`diabetes try-it on test row 1: ${value} (actual ${firstActual})`);

  // The regression report: the plot has a text alternative, the mean is the baseline, and every
  // text meets AA contrast.
  await expect(page.getByText(/test rows plotted\. Predictions are off by/)).toHaveCount(1);
  await expect(
    page.getByTestId("eval-table").locator('[data-baseline="r2"][data-source="mean"]'),
  ).toHaveCount(1);
  expect(await contrastViolations(page)).toEqual([]);

  // "Use the linear model": the report's linear model becomes a run a person can try, export and
  // share, with the numbers the report's linear column showed.
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
  await expect(prediction).toHaveAttribute("data-predicted", /^-?\d/);
  const answer = Number(await prediction.getAttribute("data-predicted"));

  // Export: one Dense layer in the tf.js and spec files, the card names the linear model.
  const exported = page.waitForEvent("download");
  await page.getByTestId("export-button").click();
  const files = unzipSync(new Uint8Array(readFileSync(await (await exported).path())));
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
