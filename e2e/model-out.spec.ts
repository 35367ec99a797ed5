import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
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

test("iris: train, try it on a row and on a CSV of rows", async ({ page }) => {
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
  const first = await readPrediction(page);
  expect(first.probabilities.map(([name]) => name)).toEqual(["setosa", "versicolor", "virginica"]);
  const sum = first.probabilities.reduce((total, [, p]) => total + p, 0);
  expect(sum).toBeCloseTo(1, 5);
  expect(first.predicted).toBe(
    first.probabilities.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0],
  );

  // A typical setosa flower, typed in.
  await panel.locator('[data-column="sepal_length"]').fill("5.0");
  await panel.locator('[data-column="sepal_width"]').fill("3.4");
  await panel.locator('[data-column="petal_length"]').fill("1.5");
  await panel.locator('[data-column="petal_width"]').fill("0.2");
  await page.getByTestId("predict-button").click();
  await expect(page.getByTestId("prediction")).toHaveAttribute("data-predicted", "setosa");

  // Another test row refills every field.
  const before = await panel.locator('[data-column="petal_length"]').inputValue();
  await panel.getByRole("button", { name: "Another test row" }).click();
  await expect(panel.locator('[data-column="petal_length"]')).not.toHaveValue("1.5");
  expect(before).toBe("1.5");

  // A CSV of rows: an extra column is ignored and said so; predictions come back appended.
  const upload = panel.locator("input[type=file]");
  const downloadPromise = page.waitForEvent("download");
  await upload.setInputFiles({
    name: "new-flowers.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "id,sepal_length,sepal_width,petal_length,petal_width\n1,5.0,3.4,1.5,0.2\n2,6.7,3.0,5.2,2.3\n",
    ),
  });
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("new-flowers-predictions.csv");
  const lines = readFileSync(await download.path(), "utf8")
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
