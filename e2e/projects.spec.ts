import { expect, test, type Page } from "@playwright/test";
import { storedKeys, Studio } from "./studio";

async function readPrediction(page: Page) {
  const prediction = page.getByTestId("prediction");
  await expect(prediction).toHaveAttribute("data-predicted", /.+/);
  return prediction
    .locator("[data-class]")
    .evaluateAll((items) =>
      items.map((item) => [item.getAttribute("data-class"), item.getAttribute("data-probability")]),
    );
}

async function evalValues(page: Page) {
  return page
    .getByTestId("eval-table")
    .locator("[data-metric]")
    .evaluateAll((cells) =>
      cells.map((cell) => `${cell.getAttribute("data-metric")}=${cell.getAttribute("data-value")}`),
    );
}

const savedStatus = (page: Page) =>
  expect(page.getByRole("status").filter({ hasText: "Saved in this browser" })).toBeVisible();

test("a project comes back after a reload: data choices, canvas, settings, report, try-it, runs", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  // Edit only once the model proposed for the data is in: an edit before it would keep the old one.
  await expect(page.getByTestId("train-button")).toBeEnabled();
  await page.getByLabel("Scaling of sepal_width").selectOption("minmax");
  await expect(page.getByTestId("train-button")).toBeEnabled();
  // Edit the canvas: delete the second hidden layer.
  const canvas = page.getByTestId("model-canvas");
  await canvas.locator('.react-flow__node[data-id="dense_2"]').click();
  await page.keyboard.press("Delete");
  await expect(canvas.locator('[data-node-id="dense_2"]')).toHaveCount(0);
  const params = await page.getByTestId("model-summary").getAttribute("data-params");
  await page.getByTestId("epochs-input").fill("6");
  await studio.train("cpu");
  const report = await evalValues(page);
  expect(report.length).toBeGreaterThan(4);
  const prediction = await readPrediction(page);
  await expect(page.getByTestId("run-history").locator("tbody tr[data-run-id]")).toHaveCount(1);
  await savedStatus(page);

  await page.reload();
  await expect(page.getByTestId("dataset-summary")).toContainText("iris.csv");
  await expect(page.getByLabel("Scaling of sepal_width")).toHaveValue("minmax");
  await expect(page.getByTestId("model-canvas").locator('[data-node-id="dense_2"]')).toHaveCount(0);
  await expect(page.getByTestId("model-summary")).toHaveAttribute("data-params", params ?? "");
  await expect(page.getByTestId("epochs-input")).toHaveValue("6");
  await expect(page.getByTestId("backend-select")).toHaveValue("cpu");
  await expect(page.getByTestId("eval-table")).toBeVisible();
  await expect.poll(() => evalValues(page)).toEqual(report);
  await expect(page.getByText(/out of date/i)).toHaveCount(0);
  expect(await readPrediction(page)).toEqual(prediction);

  // A second run with more epochs: both are listed and can be compared.
  await page.getByTestId("epochs-input").fill("8");
  await studio.train("cpu");
  const rows = page.getByTestId("run-history").locator("tbody tr[data-run-id]");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("epochs 6 → 8");
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").check();
  const compare = page.getByTestId("run-compare");
  await expect(compare.locator('td[data-metric="accuracy"]')).toHaveCount(2);
  await expect(
    page.getByRole("figure", { name: /Validation loss of the chosen runs/ }),
  ).toBeVisible();
  // Restore brings the first run's settings back.
  await rows.nth(0).getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("epochs-input")).toHaveValue("6");
  // The report is drawn deferred: the second run's figures may show for a moment after Restore.
  await expect.poll(() => evalValues(page)).toEqual(report);
});

test("two projects on one file store it once; deleting frees storage, with undo", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await page.getByTestId("project-name").fill("First");
  await savedStatus(page);
  const list = page.getByTestId("project-list");
  await expect(list.locator("[data-project-id]")).toHaveCount(1);
  await list.getByRole("button", { name: "Duplicate" }).click();
  await expect(list.locator("[data-project-id]")).toHaveCount(2);
  expect(await storedKeys(page, "datasets")).toHaveLength(1);
  expect(await storedKeys(page, "projects")).toHaveLength(2);

  // Delete the copy, undo, delete again and let it go.
  const copy = list.locator("[data-project-id]").filter({ hasText: "First (copy)" });
  await copy.getByRole("button", { name: "Delete…" }).click();
  await copy.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(list.locator("[data-project-id]")).toHaveCount(1);
  await page.getByRole("button", { name: "Undo delete" }).click();
  await expect(list.locator("[data-project-id]")).toHaveCount(2);
  for (const name of ["First (copy)", "First"]) {
    const item = list.locator("[data-project-id]").filter({ hasText: name }).first();
    await item.getByRole("button", { name: "Delete…" }).click();
    await item.getByRole("button", { name: "Delete", exact: true }).click();
  }
  await expect(page.getByTestId("dataset-summary")).toHaveCount(0);
  await expect.poll(() => storedKeys(page, "projects"), { timeout: 15_000 }).toEqual([]);
  expect(await storedKeys(page, "datasets")).toEqual([]);
  expect(await storedKeys(page, "runs")).toEqual([]);
});

/** The epoch of the interrupted run's checkpoint saved for the only project (its own record), or 0. */
function savedCheckpointEpoch(page: Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open("model-studio");
        request.onsuccess = () => {
          const all = request.result.transaction("interrupted").objectStore("interrupted").getAll();
          all.onsuccess = () => {
            const records = all.result as Array<{ run: { checkpoint: { epoch: number } } }>;
            resolve(records[0]?.run.checkpoint.epoch ?? 0);
            request.result.close();
          };
        };
      }),
  );
}

test("a run stopped by closing the page resumes after a reload and finishes", async ({
  page,
  context,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await page.getByTestId("backend-select").selectOption("cpu");
  // Long enough that the page closes mid-run (a checkpoint is saved within 2 s of epoch 3), short
  // enough that finishing after the resume takes seconds.
  await page.getByTestId("epochs-input").fill("400");
  await page.getByText("Stop early when").click();
  await page.getByTestId("train-button").click();
  await expect
    .poll(() => savedCheckpointEpoch(page), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(3);
  await page.close();

  const again = await context.newPage();
  await again.goto("/");
  const note = again.getByTestId("interrupted-run");
  await expect(note).toContainText(/after epoch \d+ of 400/);
  await expect(again.getByTestId("dataset-summary")).toContainText("iris.csv");
  await note.getByRole("button", { name: "Resume training" }).click();
  await expect(again.getByTestId("training-status")).toHaveAttribute("data-state", "done", {
    timeout: 200_000,
  });
  await expect(again.getByTestId("eval-table")).toBeVisible();
  const rows = again.getByTestId("run-history").locator("tbody tr[data-run-id]");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("400 epochs");
  await expect(note).toHaveCount(0);
});

test("two tabs on one project: the other tab is told and overwrites nothing", async ({
  page,
  context,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await page.getByTestId("project-name").fill("Shared");
  await savedStatus(page);

  const other = await context.newPage();
  await other.goto("/");
  await expect(other.getByTestId("project-name")).toHaveValue("Shared");
  await expect(other.getByTestId("dataset-summary")).toContainText("iris.csv");

  await page.getByTestId("project-name").fill("Shared, renamed in tab 1");
  await savedStatus(page);
  const alert = other.getByRole("alert").filter({ hasText: "changed in another tab" });
  await expect(alert).toBeVisible();
  // The second tab's edit is not saved over the first tab's.
  await other.getByTestId("epochs-input").fill("7");
  await other.waitForTimeout(1000);
  await expect(other.getByRole("status").filter({ hasText: "Saved in this browser" })).toHaveCount(
    0,
  );
  await alert.getByRole("button", { name: "Keep this tab's version as a copy" }).click();
  await expect(
    other.getByRole("status").filter({ hasText: "Saved in this browser" }),
  ).toBeVisible();
  await expect(other.getByTestId("project-list").locator("[data-project-id]")).toHaveCount(2);
  await expect(other.getByTestId("project-list")).toContainText("Shared, renamed in tab 1");
});
