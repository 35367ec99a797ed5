import { describe, expect, it } from "vitest";
import type { Preprocessing } from "../data/types";
import { bundleDownloadName, servingModelName } from "./bundleLayout";
import { namePrefix, pipelineSignature } from "./pipeline/pipelineOnnx";

describe("names a server and a graph can rely on", () => {
  it("never offers the export under the name of the data it was trained on", () => {
    const digits = { name: "digits32", dataset: { fileName: "digits32.zip" } };
    expect(bundleDownloadName(digits)).toBe("digits32-model.zip");
    const iris = { name: "iris-species", dataset: { fileName: "iris.csv" } };
    expect(bundleDownloadName(iris)).toBe("iris-species.zip");
  });

  it("makes serving names KServe and Triton accept", () => {
    expect(servingModelName("iris species")).toBe("iris-species");
    expect(servingModelName("Crème brûlée — Ratings (2024)")).toBe("creme-brulee-ratings-2024");
    expect(servingModelName("2024 sales")).toBe("model-2024-sales");
    expect(servingModelName("???")).toBe("model");
    const long = servingModelName("a".repeat(30) + " " + "b".repeat(30));
    expect(long.length).toBeLessThanOrEqual(45);
    expect(long).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
  });

  it("keeps internal ONNX names and the output apart from the column names", () => {
    expect(namePrefix("net/", ["age", "city"])).toBe("net/");
    expect(namePrefix("net/", ["net/x", "net2/y"])).toBe("net3/");
    const preprocessing: Preprocessing = {
      version: 1,
      task: "classification",
      inputs: [
        { kind: "boolean", column: "probabilities", fillValue: 0 },
        { kind: "boolean", column: "probabilities_output", fillValue: 0 },
      ],
      featureNames: ["probabilities", "probabilities_output"],
      label: { kind: "classes", column: "y", classNames: ["a", "b"] },
    };
    const { inputs, output } = pipelineSignature(preprocessing, 2);
    expect(inputs.map((i) => i.name)).toEqual(["probabilities", "probabilities_output"]);
    expect(output).toEqual({ name: "probabilities_output_output", type: "float", shape: [2] });
  });
});
