import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { imageDimensions } from "./dimensions";
import { labelPaths } from "./labels";
import { readZipImages, ZipRefusedError } from "./zip";

const digits = new Uint8Array(readFileSync("tests/fixtures/digits-png.zip"));

/** Overwrites the declared inflated size of every entry (local header and central directory). */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe("readZipImages", () => {
  it("reads the 600 digit PNGs of the shared zip into 10 classes", () => {
    const { files, skipped } = readZipImages(digits);
    expect(files).toHaveLength(600);
    expect(skipped).toEqual([]);
    const labelled = labelPaths(files.map((f) => f.name));
    expect(labelled.classNames).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(labelled.images.filter((i) => i.label === "0")).toHaveLength(68);
    expect(imageDimensions(files[0]?.bytes ?? new Uint8Array())).toEqual({ width: 32, height: 32 });
  });

  it("refuses more entries than the limit before inflating anything", () => {
    expect(() => readZipImages(digits, { maxEntries: 100, maxInflatedBytes: 1e9 })).toThrow(
      /lists 600 entries; the studio reads at most 100/,
    );
  });

  it("refuses a zip whose declared sizes pass the limit, before inflating", () => {
    const zip = zipSync({ "a/1.png": new Uint8Array(1000), "b/1.png": new Uint8Array(1000) });
    expect(() => readZipImages(zip, { maxEntries: 10, maxInflatedBytes: 1500 })).toThrow(
      ZipRefusedError,
    );
    // A bomb that claims 4 GB per entry is refused from its directory alone.
    const bomb = declareSize(zip, 0xffffffff);
    expect(() => readZipImages(bomb)).toThrow(
      /would inflate to 8192 MB, past the limit of 1024 MB/,
    );
  });

  it("keeps `../../x` names as labels only and skips system files and non-images", () => {
    const zip = zipSync({
      "../../cats/1.png": new Uint8Array([1]),
      "../../evil.png": new Uint8Array([2]),
      "__MACOSX/cats/._1.png": new Uint8Array([3]),
      "cats/readme.txt": new Uint8Array([4]),
    });
    const { files, skipped } = readZipImages(zip);
    expect(files.map((f) => f.name)).toEqual(["../../cats/1.png"]);
    expect(labelPaths(files.map((f) => f.name)).classNames).toEqual(["cats"]);
    expect(skipped).toEqual(["../../evil.png", "cats/readme.txt"]);
  });

  it("says a file that is not a zip cannot be read", () => {
    expect(() => readZipImages(new TextEncoder().encode("not a zip at all"))).toThrow(
      /could not be read/,
    );
  });
});
