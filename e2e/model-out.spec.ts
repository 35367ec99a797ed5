import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import * as ort from "onnxruntime-web";
import { Studio } from "./studio";

/** The try-it answer as data: the predicted class and each class's probability. */
async function readPrediction(page: Page) {
  const prediction = page.getByTestId("prediction");
  const predicted = await prediction.getAttribute("data-predicted");
  const probabilities = await prediction
    .locator("[data-class]")
    .evaluateAll((items) =>
      items.map((item) => [
        item.getAttribute("data-class"),
        Number(item.getAttribute("data-probability")),
      ]),
    );
  return { predicted, probabilities: probabilities as Array<[string, number]> };
}

/**
 * Every number of the report a bundle carries (TrainedModel.report): each eval-table cell's hooks
 * and unrounded value. The curves' scores and the linear baseline need the test predictions, which
 * a bundle does not hold, so an imported report has no such cells.
 */
async function reportCells(page: Page) {
  return page
    .getByTestId("eval-table")
    .locator(
      '[data-value]:not([data-source="linear"]):not([data-metric="roc_auc"]):not([data-metric="average_precision"]):not([data-metric="log_loss"])',
    )
    .evaluateAll((cells) =>
      cells.map((cell) =>
        ["data-metric", "data-baseline", "data-class", "data-average", "data-value"]
          .map((name) => `${name}=${cell.getAttribute(name) ?? ""}`)
          .join(" "),
      ),
    );
}

async function tryItFields(page: Page) {
  return page
    .getByTestId("predict-panel")
    .locator("[data-column]")
    .evaluateAll((fields) =>
      fields.map((f) => [f.getAttribute("data-column"), (f as HTMLInputElement).value]),
    );
}

interface V2Tensor {
  name: string;
  shape: number[];
  datatype: string;
  data: Array<number | string>;
}

// One iris run: try-it on it, then the bundle exported and imported in a fresh page, then try-it on
// typed values and on a CSV of rows (once two specs that trained the same model each).
test("iris: train, try it; export one bundle, import it in a fresh page, same report and answers; try it on a row and on a CSV of rows", async ({
  page,
  browser,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await page.getByTestId("epochs-input").fill("15");
  await studio.train("cpu");

  const panel = page.getByTestId("predict-panel");
  for (const column of ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    await expect(panel.locator(`[data-column="${column}"]`)).not.toHaveValue("");
  await expect(page.getByTestId("prediction")).toHaveAttribute(
    "data-predicted",
    /setosa|versicolor|virginica/,
  );
  // The first answer is for the first test row as filled in: current, not marked stale.
  await expect(page.getByTestId("prediction")).toBeVisible();
  await expect(page.getByTestId("prediction-stale")).toHaveCount(0);
  const first = await readPrediction(page);
  expect(first.probabilities.map(([name]) => name)).toEqual(["setosa", "versicolor", "virginica"]);
  const sum = first.probabilities.reduce((total, [, p]) => total + p, 0);
  expect(sum).toBeCloseTo(1, 5);
  expect(first.predicted).toBe(
    first.probabilities.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0],
  );

  const fieldsBefore = await tryItFields(page);
  const predictionBefore = await readPrediction(page);
  const reportBefore = await reportCells(page);
  expect(reportBefore.length).toBeGreaterThan(10);

  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("export-button").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("iris-species.zip");
  const zipPath = await download.path();
  const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
  const names = Object.keys(files);
  const triton = names.find((n) => /^triton\/[a-z0-9_-]+\/config\.pbtxt$/.test(n));
  expect(triton, names.join(", ")).toBeTruthy();
  const tritonName = triton?.split("/")[1] ?? "";
  for (const name of [
    "tfjs/model.json",
    "onnx/model.onnx",
    "onnx/pipeline.onnx",
    `triton/${tritonName}/config.pbtxt`,
    `triton/${tritonName}/1/model.onnx`,
    "kserve/inference-service.yaml",
    "preprocessing.json",
    "spec.json",
    "metrics.json",
    "model-card.md",
  ])
    expect(names, name).toContain(name);
  const manifest = JSON.parse(strFromU8(files["tfjs/model.json"] ?? new Uint8Array())) as {
    weightsManifest: Array<{ paths: string[] }>;
  };
  for (const shard of manifest.weightsManifest.flatMap((group) => group.paths))
    expect(names).toContain(`tfjs/${shard}`);
  console.log(`bundle: ${names.length} files, ${readFileSync(zipPath).length} bytes`);

  // The card's v2 request, through ONNX Runtime, gives the output the card states.
  const requestFile = names.find((n) => /^examples\/.*request.*\.json$/.test(n));
  const responseFile = names.find((n) => /^examples\/.*response.*\.json$/.test(n));
  if (requestFile && responseFile) {
    const request = JSON.parse(strFromU8(files[requestFile] ?? new Uint8Array())) as {
      inputs: V2Tensor[];
    };
    const response = JSON.parse(strFromU8(files[responseFile] ?? new Uint8Array())) as {
      outputs: V2Tensor[];
    };
    const session = await ort.InferenceSession.create(
      files[`triton/${tritonName}/1/model.onnx`] ?? new Uint8Array(),
    );
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of request.inputs) {
      feeds[input.name] =
        input.datatype === "BYTES"
          ? new ort.Tensor("string", input.data.map(String), input.shape)
          : new ort.Tensor("float32", Float32Array.from(input.data.map(Number)), input.shape);
    }
    const results = await session.run(feeds);
    const card = strFromU8(files["model-card.md"] ?? new Uint8Array());
    let largestDifference = 0;
    for (const output of response.outputs) {
      // The card states tf.js's answer; ONNX Runtime sums in another order, so float32 rounding
      // may differ in the last digits.
      const got = Array.from(results[output.name]?.data as Float32Array);
      const stated = output.data.map(Number);
      expect(got).toHaveLength(stated.length);
      got.forEach((value, i) => {
        const expected = stated[i] ?? NaN;
        const difference = Math.abs(value - expected);
        largestDifference = Math.max(largestDifference, difference);
        expect(difference).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(expected));
      });
      for (const value of output.data) expect(card).toContain(String(value));
    }
    await session.release();
    console.log(
      `v2 example: ${JSON.stringify(response.outputs.map((o) => o.data))}; ONNX Runtime within ${largestDifference}`,
    );
  } else {
    console.log("the bundle has no examples/ request and response");
  }

  // A fresh page with no dataset imports the bundle: the same report and the same answer.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await new Studio(fresh).open();
  await fresh.getByTestId("bundle-import").locator("input[type=file]").setInputFiles(zipPath);
  await expect(fresh.getByTestId("bundle-import").getByRole("status")).toContainText("Opened");
  await expect(fresh.getByTestId("prediction")).toHaveAttribute(
    "data-predicted",
    predictionBefore.predicted ?? "",
  );
  expect(await tryItFields(fresh)).toEqual(fieldsBefore);
  expect(await readPrediction(fresh)).toEqual(predictionBefore);
  expect(await reportCells(fresh)).toEqual(reportBefore);
  await expect(fresh.getByTestId("model-canvas").locator("[data-layer-type]")).toHaveCount(
    await page.getByTestId("model-canvas").locator("[data-layer-type]").count(),
  );

  await fresh.getByRole("heading", { name: "Try it" }).scrollIntoViewIfNeeded();
  await fresh.screenshot({ path: "test-results/imported-try-it.png" });
  await fresh.getByRole("heading", { name: "Evaluation" }).scrollIntoViewIfNeeded();
  await fresh.screenshot({ path: "test-results/imported-evaluation.png" });

  // A bad file leaves the imported model in place.
  await fresh
    .getByTestId("bundle-import")
    .locator("input[type=file]")
    .setInputFiles({
      name: "broken.zip",
      mimeType: "application/zip",
      buffer: Buffer.from("PK\u0003\u0004 not really"),
    });
  await expect(fresh.getByTestId("bundle-import").getByRole("alert")).toContainText("broken.zip");
  expect(await readPrediction(fresh)).toEqual(predictionBefore);
  expect(await reportCells(fresh)).toEqual(reportBefore);
  await fresh.getByTestId("predict-button").click();
  await expect(fresh.getByTestId("prediction")).toHaveAttribute(
    "data-predicted",
    predictionBefore.predicted ?? "",
  );
  await fresh.getByRole("heading", { name: "Export" }).scrollIntoViewIfNeeded();
  await fresh.screenshot({ path: "test-results/imported-export.png" });
  await context.close();

  // A typical setosa flower, typed in.
  await panel.locator('[data-column="sepal_length"]').fill("5.0");
  await panel.locator('[data-column="sepal_width"]').fill("3.4");
  await panel.locator('[data-column="petal_length"]').fill("1.5");
  await panel.locator('[data-column="petal_width"]').fill("0.2");
  // The answer on show is for the old values: it says so until Predict is pressed.
  await expect(page.getByTestId("prediction-stale")).toBeVisible();
  await page.getByTestId("predict-button").click();
  await expect(page.getByTestId("prediction")).toHaveAttribute("data-predicted", "setosa");
  await expect(page.getByTestId("prediction-stale")).toHaveCount(0);

  // Another test row refills every field.
  const before = await panel.locator('[data-column="petal_length"]').inputValue();
  await panel.getByRole("button", { name: "Another test row" }).click();
  await expect(panel.locator('[data-column="petal_length"]')).not.toHaveValue("1.5");
  expect(before).toBe("1.5");

  // A CSV of rows: an extra column is ignored and said so; predictions come back appended.
  const upload = panel.locator("input[type=file]");
  const predictionsPromise = page.waitForEvent("download");
  await upload.setInputFiles({
    name: "new-flowers.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "id,sepal_length,sepal_width,petal_length,petal_width\n1,5.0,3.4,1.5,0.2\n2,6.7,3.0,5.2,2.3\n",
    ),
  });
  const predictions = await predictionsPromise;
  expect(predictions.suggestedFilename()).toBe("new-flowers-predictions.csv");
  const lines = readFileSync(await predictions.path(), "utf8")
    .trim()
    .split("\n");
  expect(lines[0]).toBe(
    "id,sepal_length,sepal_width,petal_length,petal_width,predicted,p_setosa,p_versicolor,p_virginica",
  );
  expect(lines[1]?.split(",")[5]).toBe("setosa");
  expect(lines[2]?.split(",")[5]).toBe("virginica");
  await expect(panel.getByRole("status")).toContainText(
    "Ignored columns the model does not use: “id”",
  );

  // A missing column and a bad value are named in an alert.
  await upload.setInputFiles({
    name: "short.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("sepal_length,sepal_width,petal_length\n5.0,3.4,1.5\n"),
  });
  await expect(panel.getByRole("alert")).toContainText("no column “petal_width”");
  await upload.setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "sepal_length,sepal_width,petal_length,petal_width\n5.0,3.4,1.5,0.2\n5.0,wide,1.5,0.2\n",
    ),
  });
  await expect(panel.getByRole("alert")).toContainText(
    "row 2, column “sepal_width”: “wide” is not a number",
  );

  await panel.scrollIntoViewIfNeeded();
  await page.getByRole("heading", { name: "Try it" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/try-it.png" });
});

test("a mixed table: try it has a select with (missing), a checkbox, number and date fields", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  const csv = readFileSync(new URL("../tests/fixtures/bundle-mixed.csv", import.meta.url));
  await studio.dropFile("bundle-mixed.csv", csv);
  await expect(page.getByTestId("target-select")).toHaveValue("plan");
  await page.getByTestId("epochs-input").fill("5");
  await studio.train("cpu");

  const panel = page.getByTestId("predict-panel");
  const city = panel.locator('select[data-column="city"]');
  await expect(city.locator("option").first()).toHaveText("(missing)");
  expect(await city.locator("option").allTextContents()).toEqual(
    expect.arrayContaining(["Paris", "Lyon", "Nice"]),
  );
  await expect(panel.locator('input[type=checkbox][data-column="member"]')).toHaveCount(1);
  await expect(panel.locator('input[data-column="age"]')).toHaveCount(1);
  await expect(page.getByTestId("prediction")).toHaveAttribute("data-predicted", /.+/);

  await city.selectOption({ label: "Nice" });
  await city.selectOption({ label: "(missing)" });
  await panel.locator('input[data-column="age"]').fill("40");
  await panel.locator('input[data-column="age"]').fill("");
  await panel.locator('input[type=checkbox][data-column="member"]').click();
  await page.getByTestId("predict-button").click();
  await expect(panel).not.toContainText("Filled with test row");
  const { probabilities } = await readPrediction(page);
  expect(probabilities.length).toBeGreaterThanOrEqual(2);
  expect(probabilities.reduce((sum, [, p]) => sum + p, 0)).toBeCloseTo(1, 5);

  // The date column reaches try-it as a date field; another date gives another answer, so the
  // date's features (year, month, weekday, days since start) really feed the model.
  const signup = panel.locator('input[type=date][data-column="signup"]');
  await expect(signup).toHaveCount(1);
  await signup.fill("2019-01-15");
  await page.getByTestId("predict-button").click();
  await expect
    .poll(async () => JSON.stringify((await readPrediction(page)).probabilities))
    .not.toBe(JSON.stringify(probabilities));
  const early = (await readPrediction(page)).probabilities;
  expect(early.reduce((sum, [, p]) => sum + p, 0)).toBeCloseTo(1, 5);
  console.log(`mixed table, signup 2019-01-15: ${JSON.stringify(early)}`);
  await page.getByRole("heading", { name: "Try it" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/try-it-mixed.png" });
});
