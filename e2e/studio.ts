import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, type Page } from "@playwright/test";

/** Page object for the studio: the hooks of DESIGN.md, wrapped once. */
export class Studio {
  constructor(readonly page: Page) {}

  static samplePath(name: string): string {
    return fileURLToPath(new URL(`../public/samples/${name}`, import.meta.url));
  }

  async open() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Model Studio" })).toBeVisible();
  }

  async dropFile(name: string, contents: Buffer | string, mimeType = "text/csv") {
    await this.page
      .getByTestId("dataset-drop")
      .locator("input[type=file]:not([webkitdirectory])")
      .setInputFiles({
        name,
        mimeType,
        buffer: Buffer.isBuffer(contents) ? contents : Buffer.from(contents),
      });
  }

  async dropSample(name: string) {
    await this.dropFile(name, readFileSync(Studio.samplePath(name)));
    await expect(this.page.getByTestId("dataset-summary")).toContainText(name);
  }

  /** Drops a zip of pictures in class folders and waits until the summary names them. */
  async dropPictures(name: string, zip: Buffer | Uint8Array, summary: string) {
    await this.dropFile(name, Buffer.from(zip), "application/zip");
    await expect(this.page.getByTestId("dataset-summary")).toContainText(summary);
  }

  /**
   * Trains on `backend` and waits until training is done (not stopped, not failed).
   * Returns the milliseconds from the click to the end.
   */
  async train(backend: string, timeout = 200_000): Promise<number> {
    await this.page.getByTestId("backend-select").selectOption(backend);
    const started = Date.now();
    await this.page.getByTestId("train-button").click();
    await expect(this.page.getByTestId("training-status")).toHaveAttribute(
      "data-state",
      /done|stopped|error/,
      { timeout },
    );
    await expect(this.page.getByTestId("training-status")).toHaveAttribute("data-state", "done");
    await this.reportDrawn();
    return Date.now() - started;
  }

  /**
   * The report is drawn deferred: until then the previous one shows, marked aria-busy, or, after a
   * first run, none yet (the section's hint instead): wait for a report that is not busy.
   */
  async reportDrawn(): Promise<void> {
    await expect(
      this.page.locator('[data-testid="evaluation-report"]:not([aria-busy="true"])'),
    ).toHaveCount(1);
  }

  /**
   * The picture specs' run: `epochs` epochs of batches of `batch`, on wasm unless `backend` says
   * otherwise (wasm trains the CNNs about 60× faster than the plain-JavaScript cpu backend).
   * Returns the milliseconds it took.
   */
  async trainPictures({
    epochs,
    batch,
    backend = "wasm",
    timeout = 200_000,
  }: TrainPictures): Promise<number> {
    for (const [id, value] of [
      ["epochs-input", epochs],
      ["batch-size-input", batch],
    ] as const) {
      await this.page.getByTestId(id).fill(String(value));
      await this.page.getByTestId(id).blur();
    }
    await expect(this.page.getByTestId("train-button")).toBeEnabled();
    return this.train(backend, timeout);
  }

  async metric(metric: string, extra = ""): Promise<number> {
    const cell = this.page
      .getByTestId("eval-table")
      .locator(`[data-metric="${metric}"]${extra}`)
      .first();
    return Number(await cell.getAttribute("data-value"));
  }
}

interface TrainPictures {
  epochs: number;
  batch: number;
  backend?: string;
  /** How long the run may take, in milliseconds. */
  timeout?: number;
}

/** The keys of one store of the studio's IndexedDB. */
export function storedKeys(
  page: Page,
  store: "projects" | "datasets" | "runs" | "images",
): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open("model-studio");
        request.onerror = () => reject(new Error("no database"));
        request.onsuccess = () => {
          const keys = request.result.transaction(name).objectStore(name).getAllKeys();
          keys.onsuccess = () => {
            resolve(keys.result.map(String));
            request.result.close();
          };
        };
      }),
    store,
  );
}
