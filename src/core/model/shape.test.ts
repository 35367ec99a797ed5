import { describe, expect, it } from "vitest";
import { formatShape, formatShapeForPeople } from "./shape";

describe("formatShapeForPeople", () => {
  it("leaves out the batch dimension and joins the rest with ×", () => {
    expect(formatShapeForPeople([null, 32, 32, 16])).toBe("32×32×16");
    expect(formatShapeForPeople([null, 10])).toBe("10");
  });
  it("calls an unfixed dimension 'any' and a bare batch 'one value'", () => {
    expect(formatShapeForPeople([null, null, 8])).toBe("any×8");
    expect(formatShapeForPeople([null])).toBe("one value");
  });
  it("leaves the developer form as it was", () => {
    expect(formatShape([null, 32, 32, 16])).toBe("[null,32,32,16]");
  });
});
