import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { Studio } from "./studio";

const digitsZip = readFileSync("tests/fixtures/digits-png.zip");

const savedStatus = (page: Page) =>
  expect(page.getByRole("status").filter({ hasText: "Saved in this browser" })).toBeVisible();

/** The file name of the dataset the saved project (IndexedDB) refers to, or null while it has none. */
function savedDatasetName(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      new Promise<string | null>((resolve) => {
        const request = indexedDB.open("model-studio");
        request.onerror = () => resolve(null);
        request.onsuccess = () => {
          const all = request.result.transaction("projects").objectStore("projects").getAll();
          all.onsuccess = () => {
            const projects = all.result as Array<{ dataset?: { fileName?: string } | null }>;
            resolve(projects.find((p) => p.dataset)?.dataset?.fileName ?? null);
            request.result.close();
          };
        };
      }),
  );
}

/** The epoch of the interrupted run's checkpoint saved in IndexedDB (0 when none). */
function savedCheckpointEpoch(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open("model-studio");
        request.onerror = () => resolve(0);
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

test("a file that cannot be trained on is refused; a replacement of the data can be undone; a run on other data says so", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await expect(page.getByTestId("project-name")).toHaveValue("iris");
  // The raw rows as read, in a small preview.
  const preview = page.getByTestId("data-preview");
  await preview.getByText("Preview: the first 10 rows as read (of 150 rows)").click();
  await expect(preview.locator("tbody tr")).toHaveCount(10);
  await expect(preview.locator("tbody tr").first()).toContainText("5.1");
  await expect(preview.locator("tbody tr").first()).toContainText("setosa");
  await page.getByTestId("epochs-input").fill("5");
  await studio.train("cpu");
  await expect(page.getByTestId("eval-table")).toBeVisible();

  // One data row: refused like the other bad files, and nothing of the project is touched.
  await studio.dropFile(
    "onerow.csv",
    "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n",
  );
  const alert = page.getByRole("alert").filter({ hasText: "onerow.csv" });
  await expect(alert).toContainText("has only 1 data row;");
  await expect(alert).toContainText("Your dataset “iris.csv” is still loaded.");
  await expect(page.getByTestId("dataset-summary")).toContainText("iris.csv");
  await expect(page.getByTestId("eval-table")).toBeVisible();
  await expect(page.getByTestId("data-undo")).toHaveCount(0);
  await alert.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("onerow-refused.png") });

  // A file that can be trained on replaces the data, says so, and can be undone.
  await studio.dropSample("diabetes.csv");
  const undo = page.getByTestId("data-undo");
  await expect(undo).toContainText("“diabetes.csv” replaced “iris.csv”");
  await expect(page.getByTestId("eval-table")).toHaveCount(0);
  await undo.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("replaced-with-undo.png") });
  await undo.getByRole("button", { name: "Undo: bring back “iris.csv”" }).click();
  await expect(page.getByTestId("dataset-summary")).toContainText("iris.csv");
  await expect(page.getByTestId("eval-table")).toBeVisible();
  await expect(page.getByTestId("target-select")).toHaveValue("species");
  await expect(undo).toHaveCount(0);
  await expect(page.getByText(/out of date/i)).toHaveCount(0);
  await expect(page.getByTestId("train-button")).toBeEnabled();

  // Kept this time: the old run, restored, says its report is about other data.
  await studio.dropSample("diabetes.csv");
  await undo.getByRole("button", { name: "Keep the new data" }).click();
  await expect(undo).toHaveCount(0);
  const runs = page.getByTestId("run-history").locator("tbody tr[data-run-id]");
  await expect(runs).toHaveCount(1);
  await runs.first().getByRole("button", { name: "Restore" }).click();
  const note = page.getByTestId("report-other-data");
  await expect(note).toContainText(
    "This run was trained on “iris.csv” (150 rows), not on the loaded “diabetes.csv” (442 rows)",
  );
  // The loaded data keeps its own choices (the restored model is iris's: the canvas says whether
  // it fits; the column to predict is not lost).
  await expect(page.getByTestId("target-select")).toHaveValue("progression");
  await expect(page.locator("#train-blocker")).not.toContainText("Choose the column to predict");
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("restored-run-other-data.png") });
});

test("a picture run cut short by a reload resumes from its checkpoint, and the run bar tells that run", async ({
  page,
  context,
}) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("digits-png.zip", digitsZip, "600 images · 10 classes");
  await page.getByTestId("epochs-input").fill("500");
  await page.getByTestId("epochs-input").blur();
  await page.getByText("Stop early when").click();
  await page.getByTestId("backend-select").selectOption("wasm");
  await page.getByTestId("train-button").click();
  await expect
    .poll(() => savedCheckpointEpoch(page), { timeout: 200_000 })
    .toBeGreaterThanOrEqual(2);
  await page.close();

  const again = await context.newPage();
  await again.setViewportSize({ width: 1280, height: 800 });
  await again.goto("/");
  await expect(again.getByTestId("dataset-summary")).toContainText("600 images · 10 classes");
  const note = again.getByTestId("interrupted-run");
  await expect(note).toContainText(/after epoch \d+ of 500/);
  const cutAfter = Number(/after epoch (\d+)/.exec((await note.textContent()) ?? "")?.[1]);
  expect(cutAfter).toBeGreaterThanOrEqual(2);
  const status = again.getByTestId("training-status");
  await expect(status).toContainText(
    `Interrupted when the page closed, after epoch ${cutAfter} of 500`,
  );
  const resume = note.getByRole("button", { name: "Resume training" });
  await expect(resume).toBeEnabled();
  await again.screenshot({ path: test.info().outputPath("picture-run-interrupted.png") });
  // Every status the run bar shows, recorded in the page: an epoch lasts about half a second here,
  // shorter than the gaps between Playwright's polls.
  await status.evaluate((element) => {
    const seen: string[] = [];
    (window as unknown as { statusesSeen: string[] }).statusesSeen = seen;
    new MutationObserver(() => seen.push(element.textContent ?? "")).observe(element, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  await resume.click();
  await expect(status).toHaveAttribute("data-state", "running");
  await expect(status).toContainText("Training: epoch", { timeout: 120_000 });
  // It goes on from the checkpoint: the first epoch it trains is the one after it.
  const statuses = await again.evaluate(
    () => (window as unknown as { statusesSeen: string[] }).statusesSeen,
  );
  const firstEpoch = statuses
    .map((text) => /Training: epoch (\d+) of 500/.exec(text)?.[1])
    .find((epoch) => epoch !== undefined);
  expect(Number(firstEpoch)).toBe(cutAfter + 1);
  await again.getByTestId("stop-button").click();
  await expect(status).toHaveAttribute("data-state", "stopped", { timeout: 120_000 });
  await expect(status).toContainText(/Stopped by you after \d+ complete epochs/);
  const stoppedAfter = Number(/after (\d+) complete/.exec((await status.textContent()) ?? "")?.[1]);
  // The epochs before the reload are kept (a run started again would have fewer).
  expect(stoppedAfter).toBeGreaterThanOrEqual(cutAfter);

  // The stopped run's report: only cells with pictures in them are buttons.
  const matrix = again.getByTestId("confusion-matrix");
  await expect(matrix).toBeVisible({ timeout: 60_000 });
  await expect(matrix.locator('td[data-count="0"] button')).toHaveCount(0);
  const filled = await matrix.locator("td[data-count]:not([data-count='0'])").count();
  await expect(matrix.locator("button")).toHaveCount(filled);
  // The export has a name of its own, not the zip's the pictures came from.
  const [download] = await Promise.all([
    again.waitForEvent("download"),
    again.getByTestId("export-button").click(),
  ]);
  expect(download.suggestedFilename()).toBe("digits-png-model.zip");
});

test("a backbone that takes RGB says so beside Use it, and one click switches kept grayscale pictures to RGB", async ({
  page,
}) => {
  test.setTimeout(200_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("digits-png.zip", digitsZip, "600 images · 10 classes");
  await expect(page.getByTestId("project-name")).toHaveValue("digits-png");
  await savedStatus(page);
  // "Saved" only once the saved project names its pictures: a reload at "Saved" keeps them (it
  // once showed while the pictures were still being written, and a reload lost them).
  expect(await savedDatasetName(page)).not.toBeNull();
  // Reopened, the pictures are kept as decoded: 32×32 grayscale, without the zip.
  await page.reload();
  await expect(page.getByTestId("dataset-summary")).toContainText("32×32×1");

  const source = page.getByTestId("pretrained-source");
  await expect(source).toContainText("a TensorFlow.js Layers model: a model.json");
  await expect(source.getByTestId("shipped-backbones")).toContainText("shapes-cnn");
  await source.getByRole("button", { name: "Try the studio's shapes backbone" }).click();
  await expect(source.locator('[data-backbone="shapes-cnn"]')).toContainText("takes 32×32×3");
  const fit = source.getByTestId("backbone-fit");
  await expect(fit).toContainText(
    "This backbone takes 32×32 RGB pictures; yours are 32×32 grayscale.",
  );
  // Kept pictures cannot be fitted again here: the fit the backbone learned from is advice.
  await expect(source.getByTestId("backbone-receives")).toContainText(
    "It learned from stretched 32×32 RGB pictures. Square pictures look the same either way; if yours are not square, drop “digits-png.zip” again and choose “stretch” in the Data section",
  );
  await fit.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("backbone-needs-rgb.png") });
  await fit.getByRole("button", { name: "Switch pictures to RGB" }).click();
  const block = page.getByTestId("model-canvas").locator('[data-pretrained-block="shapes-cnn"]');
  await expect(block).toContainText("Pretrained: shapes-cnn");
  await expect(fit).toHaveCount(0);
  await expect(page.getByTestId("dataset-summary")).toContainText("32×32×3");
  await expect(page.getByTestId("train-button")).toBeEnabled();
});
