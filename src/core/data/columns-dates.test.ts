import { describe, expect, it } from "vitest";
import { parsedTable } from "../../../tests/support/parsedTable";
import {
  defaultColumnSettings,
  guessTargetColumn,
  inferDateOrder,
  profileColumns,
} from "./columns";
import { parseDateDays } from "./dates";

function profileOf(values: Array<string | null>, name = "when") {
  const [profile] = profileColumns(parsedTable({ [name]: values }));
  if (!profile) throw new Error("no profile");
  return profile;
}

const counts = (values: string[]) => {
  const map = new Map<string, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
};

describe("date columns", () => {
  it("infers ISO dates and timestamps, with their range in days", () => {
    const dates = Array.from({ length: 30 }, (_, i) => `2024-01-${String(i + 1).padStart(2, "0")}`);
    const profile = profileOf([...dates, null]);
    expect(profile.inferredType).toBe("date");
    expect(profile.dateOrder).toBe("iso");
    expect(profile.min).toBe(parseDateDays("2024-01-01", "iso"));
    expect(profile.max).toBe(parseDateDays("2024-01-30", "iso"));
    expect(defaultColumnSettings(profile)).toMatchObject({
      type: "date",
      use: true,
      dateOrder: "iso",
    });

    const stamps = profileOf([
      "2024-03-05T10:00:00Z",
      "2024-03-06T11:30:00+01:00",
      "2024-03-07 08:00",
    ]);
    expect(stamps.inferredType).toBe("date");
  });

  it("tells day-first from month-first by a field above 12, day-first when undecided", () => {
    expect(inferDateOrder(counts(["05/03/2024", "25/03/2024"]))).toBe("dmy");
    expect(inferDateOrder(counts(["03/05/2024", "03/25/2024"]))).toBe("mdy");
    expect(inferDateOrder(counts(["05/03/2024", "04/03/2024"]))).toBe("dmy");
    expect(profileOf(["12/31/2023", "01/15/2024", "02/01/2024"]).dateOrder).toBe("mdy");
    expect(profileOf(["31.12.2023", "15.01.2024"]).dateOrder).toBe("dmy");
  });

  it("needs 90% of the cells to be dates in one order", () => {
    const mostly = [...Array.from({ length: 9 }, () => "2024-01-02"), "soon"];
    expect(inferDateOrder(counts(mostly))).toBe("iso");
    const half = ["2024-01-02", "2024-01-03", "later", "never"];
    expect(inferDateOrder(counts(half))).toBeNull();
    // Both orders appear: neither reads 90% of the cells.
    expect(inferDateOrder(counts(["25/03/2024", "03/25/2024"]))).toBeNull();
    expect(profileOf(["2024", "2025", "2026"]).inferredType).toBe("numeric");
    expect(profileOf(["a", "b", "a"]).inferredType).toBe("categorical");
  });

  it("does not call all-distinct dates identifiers", () => {
    const day = (i: number) => new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10);
    const profile = profileOf(Array.from({ length: 100 }, (_, i) => day(i)));
    expect(profile.inferredType).toBe("date");
  });

  it("is not guessed as the target when it comes last", () => {
    const table = parsedTable({
      amount: ["1", "2", "3"],
      kind: ["a", "b", "a"],
      when: ["2024-01-01", "2024-01-02", "2024-01-03"],
    });
    expect(guessTargetColumn(profileColumns(table))).toBe("kind");
  });
});
