import { describe, expect, it } from "vitest";
import {
  classifyPath,
  describeSkipped,
  imageDatasetProblem,
  labelPaths,
  pathParts,
} from "./labels";

describe("labels from paths", () => {
  it("takes the nearest folder's name, however deep", () => {
    for (const path of ["cats/1.png", "train/cats/1.png", "data/train/cats/1.png"]) {
      expect(classifyPath(path)).toEqual({ kind: "image", path, label: "cats" });
    }
    expect(classifyPath("data\\train\\dogs\\a.JPEG")).toMatchObject({ label: "dogs" });
  });

  it("skips __MACOSX, dot-files and non-images, and reports them", () => {
    expect(classifyPath("__MACOSX/cats/._1.png")).toMatchObject({ reason: "system" });
    expect(classifyPath("cats/.DS_Store")).toMatchObject({ reason: "system" });
    expect(classifyPath("cats/notes.txt")).toMatchObject({ reason: "not-an-image" });
    expect(classifyPath("1.png")).toMatchObject({ reason: "no-folder" });
    expect(classifyPath("1.png", "loose")).toMatchObject({ kind: "image", label: "loose" });
  });

  it("never lets `..` stand for a folder: names are only labels", () => {
    expect(pathParts("../../x")).toEqual(["x"]);
    expect(classifyPath("../../evil.png")).toMatchObject({ kind: "skipped", reason: "no-folder" });
    expect(classifyPath("../../cats/1.png")).toMatchObject({ label: "cats" });
  });

  it("sorts class names as numbers where they are numbers", () => {
    const labelled = labelPaths(["10/a.png", "2/a.png", "2/b.png", "10/b.png", "x/readme.md"]);
    expect(labelled.classNames).toEqual(["2", "10"]);
    expect(labelled.images).toHaveLength(4);
    expect(describeSkipped(labelled.skipped)).toBe(
      "1 file is not images in a class folder and was skipped: x/readme.md.",
    );
  });

  it("says why a set cannot train: empty, one class, one image in a class", () => {
    expect(imageDatasetProblem(labelPaths([]))).toMatch(/No images were found/);
    expect(imageDatasetProblem(labelPaths(["a/1.png", "a/2.png"]))).toMatch(/one class \("a"\)/);
    expect(imageDatasetProblem(labelPaths(["a/1.png", "a/2.png", "b/1.png"]))).toMatch(
      /only one image: b/,
    );
    expect(imageDatasetProblem(labelPaths(["a/1.png", "a/2.png", "b/1.png", "b/2.png"]))).toBe(
      null,
    );
  });
});
