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

  async train(backend: string) {
    await this.page.getByTestId("backend-select").selectOption(backend);
    await this.page.getByTestId("train-button").click();
    await expect(this.page.getByTestId("training-status")).toHaveAttribute(
      "data-state",
      /done|stopped|error/,
      {
        timeout: 200_000,
      },
    );
    await expect(this.page.getByTestId("training-status")).toHaveAttribute("data-state", "done");
  }

  async metric(metric: string, extra = ""): Promise<number> {
    const cell = this.page
      .getByTestId("eval-table")
      .locator(`[data-metric="${metric}"]${extra}`)
      .first();
    return Number(await cell.getAttribute("data-value"));
  }
}
