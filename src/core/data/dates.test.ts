import { describe, expect, it } from "vitest";
import { dateFeatureNames, dateFeatures, parseDateDays } from "./dates";

/** Days since 1970-01-01 UTC of a UTC instant, computed independently of dates.ts. */
const daysOf = (iso: string) => Date.parse(iso) / 86_400_000;

describe("parseDateDays", () => {
  it("reads ISO dates and timestamps as days since 1970-01-01 UTC", () => {
    expect(parseDateDays("1970-01-01", "iso")).toBe(0);
    expect(parseDateDays("2024-03-05", "iso")).toBe(daysOf("2024-03-05T00:00:00Z"));
    expect(parseDateDays("2024-3-5", "iso")).toBe(daysOf("2024-03-05T00:00:00Z"));
    expect(parseDateDays("2024-03-05T12:00:00Z", "iso")).toBe(daysOf("2024-03-05T12:00:00Z"));
    expect(parseDateDays("2024-03-05 06:00", "iso")).toBe(daysOf("2024-03-05T06:00:00Z"));
    expect(parseDateDays("2024-03-05T10:30:15.250Z", "iso")).toBe(daysOf("2024-03-05T10:30:15Z"));
  });

  it("applies time-zone offsets, with or without a colon", () => {
    const utc = daysOf("2024-03-05T08:00:00Z");
    expect(parseDateDays("2024-03-05T10:00:00+02:00", "iso")).toBeCloseTo(utc, 12);
    expect(parseDateDays("2024-03-05T10:00+0200", "iso")).toBeCloseTo(utc, 12);
    expect(parseDateDays("2024-03-05T03:00:00-05:00", "iso")).toBeCloseTo(utc, 12);
    expect(parseDateDays("2024-03-05t08:00z", "iso")).toBeCloseTo(utc, 12);
  });

  it("reads day-first and month-first dates with slashes, dots or dashes", () => {
    const march5 = daysOf("2024-03-05T00:00:00Z");
    expect(parseDateDays("05/03/2024", "dmy")).toBe(march5);
    expect(parseDateDays("5.3.2024", "dmy")).toBe(march5);
    expect(parseDateDays("05-03-2024", "dmy")).toBe(march5);
    expect(parseDateDays("03/05/2024", "mdy")).toBe(march5);
    expect(parseDateDays("03/05/2024 18:00", "mdy")).toBe(daysOf("2024-03-05T18:00:00Z"));
  });

  it("rejects what is not a real date in that order", () => {
    for (const text of ["", "2024", "2024-03", "hello", "12.5", "2024-13-01", "2024-02-30"]) {
      expect(parseDateDays(text, "iso"), text).toBeNaN();
    }
    expect(parseDateDays("2023-02-29", "iso")).toBeNaN();
    expect(parseDateDays("2024-02-29", "iso")).toBe(daysOf("2024-02-29T00:00:00Z"));
    expect(parseDateDays("31/04/2024", "dmy")).toBeNaN();
    expect(parseDateDays("25/03/2024", "mdy")).toBeNaN();
    expect(parseDateDays("03/25/2024", "dmy")).toBeNaN();
    expect(parseDateDays("2024-03-05", "dmy")).toBeNaN();
    expect(parseDateDays("05/03/2024", "iso")).toBeNaN();
    expect(parseDateDays("2024-03-05T24:00", "iso")).toBeNaN();
    expect(parseDateDays("2024-03-05T10:60", "iso")).toBeNaN();
  });

  it("keeps years below 100 as written (not 19xx)", () => {
    const days = parseDateDays("0050-06-15", "iso");
    expect(new Date(days * 86_400_000).getUTCFullYear()).toBe(50);
  });
});

describe("dateFeatures", () => {
  it("gives year, month, Monday-based day of week and days since the origin", () => {
    const origin = parseDateDays("2024-01-01", "iso");
    // 2024-03-05 was a Tuesday.
    expect(dateFeatures(parseDateDays("2024-03-05", "iso"), origin)).toEqual({
      year: 2024,
      month: 3,
      dayOfWeek: 1,
      daysSinceStart: 64,
    });
    // 1970-01-01 was a Thursday; 1969-12-28 a Sunday (negative days).
    expect(dateFeatures(0, 0).dayOfWeek).toBe(3);
    expect(dateFeatures(parseDateDays("1969-12-28", "iso"), 0)).toMatchObject({
      year: 1969,
      month: 12,
      dayOfWeek: 6,
      daysSinceStart: -4,
    });
  });

  it("keeps the time of day in daysSinceStart but not in the calendar features", () => {
    const features = dateFeatures(parseDateDays("2024-12-31T18:00Z", "iso"), 0);
    expect(features.year).toBe(2024);
    expect(features.month).toBe(12);
    expect(features.dayOfWeek).toBe(1);
    expect(features.daysSinceStart % 1).toBeCloseTo(0.75, 12);
  });
});

describe("dateFeatureNames", () => {
  it("names the features after the column", () => {
    expect(dateFeatureNames("signup")).toEqual([
      "signup:year",
      "signup:month",
      "signup:dayOfWeek",
      "signup:daysSinceStart",
    ]);
  });
});
