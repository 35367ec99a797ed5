import { describe, expect, it } from "vitest";
import { parseDateDays } from "../data/dates";
import { booleanChecked, dateCellText, dateInputValue } from "./recordFields";

describe("try-it fields", () => {
  it("show a date cell in a date input and write it back in the column's own order", () => {
    for (const [text, order] of [
      ["2024-03-05", "iso"],
      ["05/03/2024", "dmy"],
      ["03/05/2024", "mdy"],
    ] as const) {
      const shown = dateInputValue(text, order);
      expect(shown).toBe("2024-03-05");
      const written = dateCellText(shown, order);
      expect(written).toBe(text);
      expect(parseDateDays(written ?? "", order)).toBe(parseDateDays(text, order));
    }
    expect(dateInputValue("not a date", "iso")).toBe("");
    expect(dateCellText("", "dmy")).toBeNull();
  });

  it("read yes/no, true/false and 1/0 cells as a checkbox", () => {
    expect(["yes", "True", "1", "y"].map(booleanChecked)).toEqual([true, true, true, true]);
    expect(["no", "false", "0", null].map(booleanChecked)).toEqual([false, false, false, false]);
  });
});
