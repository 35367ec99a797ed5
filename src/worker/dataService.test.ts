import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultColumnSettings } from "../core/data/columns";
import { LocalDataService } from "./dataService";

describe("LocalDataService.prepare", () => {
  it("says where each test row sits in the file and gives its id", async () => {
    const text = readFileSync("tests/fixtures/customers.csv", "utf8");
    const service = new LocalDataService();
    const loaded = await service.load(new Blob([text]), "customers.csv", () => {});
    const reply = await service.prepare(loaded.datasetId, {
      settings: loaded.profiles.map(defaultColumnSettings),
      target: "segment",
      task: "classification",
      fractions: { train: 0.7, validation: 0.15, test: 0.15 },
      seed: 42,
    });
    if (!reply.ok) throw new Error(reply.problem);
    const { testOrigin, test } = reply.data;
    expect(testOrigin.rowNumbers).toHaveLength(test.rows);
    expect(testOrigin.id?.column).toBe("customer_id");
    // Data row n is line n + 1 of the file (the header is line 1).
    const lines = text.split("\n");
    testOrigin.rowNumbers.forEach((n, i) => {
      expect(lines[n]?.split(",")[0]).toBe(testOrigin.id?.values[i]);
    });
    expect(testOrigin.rowNumbers).toEqual([...testOrigin.rowNumbers].sort((a, b) => a - b));
  });
});
