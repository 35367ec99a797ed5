import { describe, expect, it } from "vitest";
import { agree, plural } from "./plural";

describe("plural", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(plural(1, "row")).toBe("1 row");
    expect(plural(0, "row")).toBe("0 rows");
    expect(plural(2, "picture")).toBe("2 pictures");
    expect(plural(1, "distinct value")).toBe("1 distinct value");
  });
  it("takes an irregular plural and groups long counts", () => {
    expect(plural(3, "class", "classes")).toBe("3 classes");
    expect(plural(12000, "row")).toBe("12,000 rows");
    expect(plural(1000, "row")).toBe("1000 rows");
  });
  it("agrees the verb with the count", () => {
    expect(`${plural(1, "row")} ${agree(1, "has", "have")}`).toBe("1 row has");
    expect(`${plural(5, "row")} ${agree(5, "has", "have")}`).toBe("5 rows have");
  });
});
