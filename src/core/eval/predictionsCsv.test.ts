import { describe, expect, it } from "vitest";
import { csvField, predictionsCsv } from "./predictionsCsv";

describe("predictionsCsv", () => {
  it("writes classification rows with one probability column per class", () => {
    const csv = predictionsCsv({
      task: "classification",
      classNames: ["cat", "dog, big", 'say "hi"'],
      actual: [0, 1],
      predicted: [0, 2],
      probabilities: new Float32Array([0.5, 0.25, 0.25, 0.1, 0.2, 0.7]),
    });
    expect(csv).toBe(
      'actual,predicted,p_cat,"p_dog, big","p_say ""hi"""\n' +
        "cat,cat,0.5,0.25,0.25\n" +
        `"dog, big","say ""hi""",${String(Math.fround(0.1))},${String(Math.fround(0.2))},${String(Math.fround(0.7))}\n`,
    );
  });

  it("writes regression rows with numbers that read back exactly", () => {
    const actual = [0.1 + 0.2, 1e21, -5e-7];
    const predicted = [1 / 3, 0, 42];
    const csv = predictionsCsv({ task: "regression", actual, predicted });
    const lines = csv.split("\n");
    expect(lines[0]).toBe("actual,predicted");
    expect(lines.at(-1)).toBe("");
    const parsed = lines.slice(1, -1).map((line) => line.split(",").map(Number));
    expect(parsed).toEqual(actual.map((a, i) => [a, predicted[i]]));
  });

  it("quotes fields with commas, quotes and line breaks only", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField('x"y')).toBe('"x""y"');
  });

  it("rejects mismatched lengths and unknown classes", () => {
    expect(() => predictionsCsv({ task: "regression", actual: [1], predicted: [] })).toThrow();
    expect(() =>
      predictionsCsv({
        task: "classification",
        classNames: ["a"],
        actual: [3],
        predicted: [0],
        probabilities: [1],
      }),
    ).toThrow(/out of range/);
  });

  it("leads with the row number and the id column when given, so the file joins back", () => {
    const csv = predictionsCsv({
      task: "classification",
      classNames: ["a", "b"],
      actual: [0, 1],
      predicted: [1, 1],
      probabilities: [0.25, 0.75, 0.5, 0.5],
      origin: { rowNumbers: [3, 17], id: { column: "customer_id", values: ["C1002", null] } },
    });
    expect(csv).toBe(
      "data_row,customer_id,actual,predicted,p_a,p_b\n3,C1002,a,b,0.25,0.75\n17,,b,b,0.5,0.5\n",
    );
    const regression = predictionsCsv({
      task: "regression",
      actual: [1.5],
      predicted: [2],
      origin: { rowNumbers: [1] },
    });
    expect(regression).toBe("data_row,actual,predicted\n1,1.5,2\n");
  });

  it("renames an id column whose name is taken, and checks the lengths", () => {
    const csv = predictionsCsv({
      task: "regression",
      actual: [1],
      predicted: [2],
      origin: { rowNumbers: [4], id: { column: "actual", values: ["x,y"] } },
    });
    expect(csv).toBe('data_row,id_actual,actual,predicted\n4,"x,y",1,2\n');
    expect(() =>
      predictionsCsv({
        task: "regression",
        actual: [1],
        predicted: [2],
        origin: { rowNumbers: [] },
      }),
    ).toThrow(/row numbers/);
  });
});
