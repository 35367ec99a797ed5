import type { Layout } from "./layout";
import type { ModelSpec } from "./spec";

/** What undo and redo restore: the graph and where its nodes sit. */
export interface Snapshot {
  spec: ModelSpec;
  layout: Layout;
}

/** The model's undo history: older states last-in, and the states undone, most recent first. */
export interface UndoHistory {
  past: Snapshot[];
  future: Snapshot[];
}

/** The last edit that may coalesce with the next one: its key and when it was made (ms). */
export interface LastEdit {
  key: string;
  at: number;
}

/** Most undo steps kept. */
export const HISTORY_LIMIT = 100;
/** Edits with the same key this close together (ms) make one undo step. */
export const COALESCE_MS = 1500;

/** `past` with `snapshot` added as the newest step, the oldest dropped beyond the limit. */
export function withStep(past: Snapshot[], snapshot: Snapshot): Snapshot[] {
  return [...past, snapshot].slice(-HISTORY_LIMIT);
}

/**
 * The history after an edit made at `now` (ms) from `current`: one more undo step and nothing to
 * redo, unless the edit continues the last one (the same `coalesce` key, typing "256" into one
 * field or nudging a layer with the arrow keys, within COALESCE_MS), which adds no step. Also the
 * edit to remember for the next call (null for an edit that never coalesces).
 */
export function recordEdit(
  history: UndoHistory,
  current: Snapshot,
  edit: { coalesce?: string; now: number; last: LastEdit | null },
): UndoHistory & { lastEdit: LastEdit | null } {
  const { coalesce, now, last } = edit;
  const continues = coalesce !== undefined && last?.key === coalesce && now - last.at < COALESCE_MS;
  return {
    past: continues ? history.past : withStep(history.past, current),
    future: [],
    lastEdit: coalesce !== undefined ? { key: coalesce, at: now } : null,
  };
}

/** One step back from `current`: the state to show and the history after it (null: nothing). */
export function undoStep(
  history: UndoHistory,
  current: Snapshot,
): { restored: Snapshot; history: UndoHistory } | null {
  const restored = history.past[history.past.length - 1];
  if (!restored) return null;
  return {
    restored,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future] },
  };
}

/** One step forward again from `current` (null: nothing was undone). */
export function redoStep(
  history: UndoHistory,
  current: Snapshot,
): { restored: Snapshot; history: UndoHistory } | null {
  const restored = history.future[0];
  if (!restored) return null;
  return {
    restored,
    history: { past: [...history.past, current], future: history.future.slice(1) },
  };
}
