/**
 * The one migration runner for every saved format (ModelSpec, TrainedModel, Project): it reads the
 * `version` of plain data from outside and runs the format's upgrade steps up to its current
 * version. Each format keeps its own steps (keyed by the version they upgrade FROM, each tested
 * with an old sample), its schema and its error messages.
 */

export type RawRecord = Record<string, unknown>;

/** Upgrade steps keyed by the version they upgrade FROM: `steps[1]` turns version 1 into 2. */
export type MigrationSteps = Readonly<Record<number, (raw: RawRecord) => RawRecord>>;

/** What went wrong, for the format to say in its own words. */
export type MigrationFailure =
  | { kind: "unreadable"; found: unknown }
  | { kind: "newer"; found: number }
  | { kind: "no-step"; from: number }
  | { kind: "step-failed"; from: number };

export interface Format {
  /** The version this studio writes and reads up to. */
  current: number;
  /** The oldest version a step may start from (anything older, or not a whole number, is unreadable). */
  oldest: number;
  steps: MigrationSteps;
  /** The error to throw for a failure (its message is what a person reads). */
  fail: (failure: MigrationFailure) => Error;
}

/** The `version` field of plain data, or undefined. */
export function versionOf(raw: unknown): unknown {
  return typeof raw === "object" && raw !== null && "version" in raw
    ? (raw as { version: unknown }).version
    : undefined;
}

/**
 * Runs `format`'s upgrade steps on `raw` from its version to `format.current` and returns the
 * upgraded (not yet validated) data. Throws `format.fail(…)` when the version is missing, newer,
 * or a step is missing or does not move the version forward (the loop would never end).
 */
export function runMigrations(raw: unknown, format: Format): RawRecord {
  const found = versionOf(raw);
  if (typeof found !== "number" || !Number.isInteger(found) || found < format.oldest) {
    throw format.fail({ kind: "unreadable", found });
  }
  if (found > format.current) throw format.fail({ kind: "newer", found });
  let version = found;
  let current = raw as RawRecord;
  while (version < format.current) {
    const step = format.steps[version];
    if (!step) throw format.fail({ kind: "no-step", from: version });
    current = step(current);
    const next = versionOf(current);
    if (typeof next !== "number" || next <= version) {
      throw format.fail({ kind: "step-failed", from: version });
    }
    version = next;
  }
  return current;
}
