import { describe, expect, it } from "vitest";
import { projectNameForData, UNTITLED_PROJECT } from "./projectName";

describe("projectNameForData", () => {
  it("names an untitled project after its data, without the extension", () => {
    expect(projectNameForData(UNTITLED_PROJECT, "breast-cancer.csv")).toBe("breast-cancer");
    expect(projectNameForData(UNTITLED_PROJECT, "digits32.zip")).toBe("digits32");
    expect(projectNameForData("", "pets")).toBe("pets");
  });
  it("keeps a name someone chose", () => {
    expect(projectNameForData("Tumours, second try", "onerow.csv")).toBe("Tumours, second try");
  });
  it("stays untitled when the file has no name to give", () => {
    expect(projectNameForData(UNTITLED_PROJECT, ".csv")).toBe(UNTITLED_PROJECT);
  });
});
