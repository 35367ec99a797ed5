import { describe, expect, it } from "vitest";
import { runMigrations, type Format, type MigrationFailure } from "./migrate";

/** A format at version 3 whose steps rename a field (1 → 2) and add one (2 → 3). */
const format: Format = {
  current: 3,
  oldest: 1,
  steps: {
    1: ({ title, ...rest }) => ({ ...rest, version: 2, name: title }),
    2: (raw) => ({ ...raw, version: 3, tags: [] }),
  },
  fail: (failure: MigrationFailure) => new Error(JSON.stringify(failure)),
};

describe("runMigrations", () => {
  it("runs every step from an old version up to the current one, in order", () => {
    expect(runMigrations({ version: 1, title: "iris" }, format)).toEqual({
      version: 3,
      name: "iris",
      tags: [],
    });
    expect(runMigrations({ version: 2, name: "iris" }, format)).toEqual({
      version: 3,
      name: "iris",
      tags: [],
    });
  });

  it("hands back current data as it is", () => {
    const raw = { version: 3, name: "iris", tags: ["a"] };
    expect(runMigrations(raw, format)).toBe(raw);
  });

  it("says what went wrong: no version, too old, newer, a missing step, a step that goes nowhere", () => {
    expect(() => runMigrations("text", format)).toThrow('{"kind":"unreadable"}');
    expect(() => runMigrations({ version: "2" }, format)).toThrow('"found":"2"');
    expect(() => runMigrations({ version: 0 }, format)).toThrow('"kind":"unreadable","found":0');
    expect(() => runMigrations({ version: 1.5 }, format)).toThrow('"kind":"unreadable"');
    expect(() => runMigrations({ version: 4 }, format)).toThrow('{"kind":"newer","found":4}');
    expect(() => runMigrations({ version: 1 }, { ...format, steps: {} })).toThrow(
      '{"kind":"no-step","from":1}',
    );
    const stuck = {
      ...format,
      steps: { ...format.steps, 2: (raw: Record<string, unknown>) => raw },
    };
    expect(() => runMigrations({ version: 2 }, stuck)).toThrow('{"kind":"step-failed","from":2}');
  });
});
