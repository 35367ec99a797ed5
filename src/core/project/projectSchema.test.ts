import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeIrisModel } from "../../../tests/support/testModels";
import type { Project } from "./project";
import { formatOneSample, formatTwoSample, projectAround } from "./projectSamples";
import { migrateProject, ProjectFormatError } from "./projectSchema";

let project: Project;

beforeAll(async () => {
  await tf.setBackend("cpu");
  const model = await makeIrisModel();
  project = projectAround(model);
});

describe("migrateProject", () => {
  it("reads a project of the current version as it is (weights and all)", () => {
    const read = migrateProject(structuredClone(project));
    expect(read).toEqual(project);
    expect(read.runs[0]?.model?.weights[0]?.values).toBeInstanceOf(Float32Array);
  });

  it("upgrades a project saved in format 1", () => {
    const old = formatOneSample(project);
    expect(old).not.toHaveProperty("backendPreference");
    const read = migrateProject(structuredClone(old));
    expect(read.version).toBe(3);
    expect(read.dataset).toEqual(project.dataset);
    expect(read.backendPreference).toBe("auto");
    expect(read.revision).toBe(0);
    expect(read.interrupted).toBeNull();
    const run = read.runs[0];
    const expectedSeconds = project.runs[0]?.history.reduce((s, e) => s + e.seconds, 0);
    expect(run?.seconds).toBeCloseTo(expectedSeconds ?? -1, 10);
    expect(run?.layout).toEqual(project.layout);
    expect(run?.data.target).toBe("species");
    expect(run?.model).toEqual(project.runs[0]?.model);
  });

  it("upgrades a project saved in format 2: its dataset was a table file", () => {
    const old = formatTwoSample(project);
    expect(old.version).toBe(2);
    expect(old.dataset).not.toHaveProperty("kind");
    const read = migrateProject(structuredClone(old));
    expect(read.version).toBe(3);
    expect(read.dataset).toEqual({ ...project.dataset, kind: "table" });
    expect(read.runs).toEqual(project.runs);
    expect(read.augmentation).toBeUndefined();
    const empty = migrateProject({ ...structuredClone(old), dataset: null });
    expect(empty.dataset).toBeNull();
  });

  it("keeps an image project's augmentation within its bounds", () => {
    const augmentation = {
      enabled: true,
      flip: false,
      rotationDegrees: 90,
      shift: 0.1,
      zoom: 0.1,
      brightness: 0.1,
      contrast: 0.1,
    };
    const read = migrateProject({ ...structuredClone(project), augmentation });
    expect(read.augmentation).toEqual({ ...augmentation, rotationDegrees: 30 });
  });

  it("keeps a hosted link's record, and still reads format-2 projects saved before it existed", () => {
    expect(project).not.toHaveProperty("hostedShare");
    expect(migrateProject(structuredClone(project)).hostedShare).toBeUndefined();
    const hostedShare = {
      id: "aB3_x-9",
      url: "https://studio.example/s/aB3_x-9",
      version: 3,
      ownerToken: "t".repeat(43),
      modelCreatedAt: project.runs[0]!.model!.createdAt,
    };
    const withLink = { ...structuredClone(project), hostedShare };
    expect(migrateProject(withLink).hostedShare).toEqual(hostedShare);
    const noToken = {
      ...structuredClone(project),
      hostedShare: { ...hostedShare, ownerToken: "" },
    };
    expect(() => migrateProject(noToken)).toThrow(/hostedShare\.ownerToken/);
  });

  it("refuses a project from a newer studio, naming it", () => {
    expect(() => migrateProject({ ...project, version: 4 })).toThrow(
      /“Iris” was saved by a newer version of the studio \(format 4/,
    );
  });

  it("names the project and the field when a record fails its schema", () => {
    const damaged = { ...structuredClone(project), split: { train: "lots" } };
    expect(() => migrateProject(damaged)).toThrow(ProjectFormatError);
    expect(() => migrateProject(damaged)).toThrow(/“Iris” is damaged.*split\.train/);
    const badModel = structuredClone(project);
    const weights = badModel.runs[0]?.model?.weights[0];
    if (weights) weights.values = new Float32Array(1);
    expect(() => migrateProject(badModel)).toThrow(/runs\.0\.model: .*numbers but its shape/);
    expect(() => migrateProject("nope")).toThrow(/not a project this studio can read/);
  });
});
