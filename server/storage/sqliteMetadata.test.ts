import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../testServer";
import { migrate, SqliteMetadataStore } from "./sqliteMetadata";

const dir = tempDir("sqlite");
afterAll(() => removeDir(dir));

const entry = (version: number) => ({
  version,
  name: "iris species",
  task: "classification",
  servedEntry: "onnx/pipeline.onnx",
  bytes: 100 * version,
  createdAt: `2026-11-29T20:0${version}:00.000Z`,
});

describe("SqliteMetadataStore", () => {
  it("migrates once, keeps data across reopening and refuses a newer schema", async () => {
    const file = join(dir, "meta.sqlite");
    const store = new SqliteMetadataStore(file);
    await store.createShare("abc", "hash", entry(1));
    await store.addVersion("abc", entry(2));
    await expect(store.addVersion("abc", entry(2))).rejects.toThrow(/UNIQUE/);
    await store.close();

    const reopened = new SqliteMetadataStore(file);
    const share = await reopened.getShare("abc");
    expect(share?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(share?.updatedAt).toBe(entry(2).createdAt);
    expect(await reopened.tokenHash("abc")).toBe("hash");
    await reopened.markDeleted("abc", "2026-11-29T21:00:00.000Z");
    expect(await reopened.getShare("abc")).toMatchObject({
      deletedAt: "2026-11-29T21:00:00.000Z",
      versions: [],
    });
    await reopened.close();

    const db = new Database(file);
    expect(migrate(db)).toBe(1);
    db.prepare("UPDATE schema_version SET version = 99").run();
    expect(() => migrate(db)).toThrow(/schema is version 99, newer than this server/);
    db.close();
  });
});
