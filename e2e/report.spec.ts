import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { averagePrecision, rocAuc } from "../src/core/eval/curves";
import { brierScore, logLoss } from "../src/core/eval/calibration";
import { binaryAtThreshold } from "../src/core/eval/threshold";
import { Studio } from "./studio";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../tests/fixtures/${name}`, import.meta.url)));

/** The confusion matrix as shown: counts[actual][predicted], in the table's order. */
async function shownConfusion(page: Page): Promise<number[][]> {
  return page
    .getByTestId("confusion-matrix")
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll("td[data-count]"), (cell) =>
          Number(cell.getAttribute("data-count")),
        ),
      ),
    );
}

test("binary report: ROC AUC and average precision match the predictions file; the threshold moves the matrix", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropFile("diabetes-binary.csv", fixture("diabetes-binary.csv"));
  await expect(page.getByTestId("dataset-summary")).toContainText("diabetes-binary.csv");
  await page.getByTestId("epochs-input").fill("15");
  await studio.train("cpu");

  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("download-predictions").click();
  const lines = readFileSync(await (await downloadPromise).path(), "utf8")
    .trim()
    .split("\n");
  const header = (lines[0] ?? "").split(",");
  expect(header.slice(-2)).toEqual(["p_no", "p_yes"]);
  const rows = lines.slice(1).map((line) => line.split(","));
  const positive = rows.map((r) => (r[header.indexOf("actual")] === "yes" ? 1 : 0));
  const score = rows.map((r) => Number(r[header.indexOf("p_yes")]));
  const labels = positive.map((p) => p);
  const probabilities = rows.flatMap((r) => [
    Number(r[header.indexOf("p_no")]),
    Number(r[header.indexOf("p_yes")]),
  ]);

  const auc = rocAuc(positive, score) ?? NaN;
  const ap = averagePrecision(positive, score) ?? NaN;
  const loss = logLoss(labels, probabilities, 2);
  const shownAuc = await studio.metric("roc_auc");
  const shownAp = await studio.metric("average_precision");
  const shownLoss = await studio.metric("log_loss");

  // Each column header stands right over its right-aligned numbers, the overall block's too.
  const table = page.getByTestId("eval-table");
  const rightEdge = async (cell: Locator) => {
    const box = await cell.boundingBox();
    return (box?.x ?? NaN) + (box?.width ?? NaN);
  };
  const pairs = [
    [table.locator("thead th", { hasText: "Recall" }), table.locator('[data-metric="recall"]')],
    [
      table.locator("th", { hasText: "Baseline" }),
      table.locator('[data-baseline="accuracy"][data-source="majority"]'),
    ],
  ] as const;
  for (const [head, cell] of pairs) {
    await expect(head).toHaveCSS("text-align", "right");
    await expect(cell.first()).toHaveCSS("text-align", "right");
    expect(Math.abs((await rightEdge(head)) - (await rightEdge(cell.first())))).toBeLessThan(1);
  }
  console.log(
    `binary diabetes (${rows.length} test rows): ROC AUC ${shownAuc} (file ${auc}), AP ${shownAp} (file ${ap}), log loss ${shownLoss} (file ${loss})`,
  );
  expect(Math.abs(shownAuc - auc)).toBeLessThanOrEqual(1e-9);
  expect(Math.abs(shownAp - ap)).toBeLessThanOrEqual(1e-9);
  expect(Math.abs(shownLoss - loss)).toBeLessThanOrEqual(1e-9);
  const brier = Number(
    await page.getByTestId("calibration-chart").locator("[data-brier]").getAttribute("data-value"),
  );
  expect(Math.abs(brier - brierScore(positive, score))).toBeLessThanOrEqual(1e-9);
  await expect(page.getByTestId("roc-chart")).toBeVisible();
  await expect(page.getByTestId("roc-chart").getByText(/yes: ROC AUC/)).toHaveCount(1);

  // The linear baseline has its own cells beside the model's, and a sentence about it.
  const linear = page
    .getByTestId("eval-table")
    .locator('[data-baseline="accuracy"][data-source="linear"]');
  await expect(linear).toHaveCount(1);
  const linearAccuracy = Number(await linear.getAttribute("data-value"));
  expect(linearAccuracy).toBeGreaterThan(0.6);
  await expect(
    page.getByTestId("eval-table").locator('[data-baseline="roc_auc"][data-source="linear"]'),
  ).toHaveCount(1);
  await expect(page.getByTestId("linear-verdict")).toContainText(/A linear model/);
  console.log(`linear baseline accuracy ${linearAccuracy}`);

  // The matrix follows the threshold, as binaryAtThreshold computes it from the file.
  const atHalf = binaryAtThreshold(positive, score, 0.5).confusion;
  expect(await shownConfusion(page)).toEqual(atHalf);
  const sorted = [...score].sort((a, b) => a - b);
  const candidates = [0.05, 0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 0.95, 0].concat(
    sorted.map((s) => Math.floor(s * 100) / 100),
  );
  const moved =
    candidates.find(
      (t) =>
        JSON.stringify(binaryAtThreshold(positive, score, t).confusion) !== JSON.stringify(atHalf),
    ) ?? 0;
  await page.getByTestId("threshold-input").fill(String(moved));
  const expected = binaryAtThreshold(positive, score, moved);
  await expect.poll(() => shownConfusion(page)).toEqual(expected.confusion);
  expect(expected.confusion).not.toEqual(atHalf);
  await expect(page.getByTestId("threshold-recall")).toHaveAttribute(
    "data-value",
    String(expected.recall),
  );
  console.log(
    `threshold 0.5 → ${moved}: ${JSON.stringify(atHalf)} → ${JSON.stringify(expected.confusion)}`,
  );

  // Permutation importance lists every input column, measured in the predict worker.
  await page.getByTestId("importance-button").click();
  const importance = page.getByTestId("feature-importance");
  await expect(importance).toBeVisible({ timeout: 60_000 });
  const inputs = (fixture("diabetes-binary.csv").toString("utf8").split("\n")[0] ?? "")
    .split(",")
    .slice(0, -1);
  const listed = await importance
    .locator("[data-feature]")
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.getAttribute("data-feature"),
        Number(row.getAttribute("data-value")),
        Number(row.getAttribute("data-std")),
      ]),
    );
  expect(listed.map(([name]) => name).sort()).toEqual([...inputs].sort());
  for (const [, mean, std] of listed) {
    expect(Number.isFinite(mean)).toBe(true);
    expect(std).toBeGreaterThanOrEqual(0);
  }
  console.log(`importance: ${JSON.stringify(listed.slice(0, 4))}`);

  // The try-it panel says how much each input moved the first test row's prediction.
  const effects = page.getByTestId("input-effects");
  await expect(effects.locator("[data-input]")).toHaveCount(inputs.length);
  const changes = await effects
    .locator("[data-input]")
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-change"))));
  expect(changes.every(Number.isFinite)).toBe(true);
  expect(changes.some((c) => c !== 0)).toBe(true);
  // Typical values read as people write them: no float noise such as 5.819999999999998.
  const typical = await effects.getByTestId("typical-value").allTextContents();
  expect(typical.length).toBe(inputs.length);
  for (const text of typical) expect(text).not.toMatch(/\d\.\d{5,}/);
});
