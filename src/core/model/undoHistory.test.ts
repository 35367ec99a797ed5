import { describe, expect, it } from "vitest";
import type { ModelSpec } from "./spec";
import {
  COALESCE_MS,
  HISTORY_LIMIT,
  recordEdit,
  redoStep,
  undoStep,
  withStep,
  type Snapshot,
} from "./undoHistory";

/** A model of one input of `width` features, at row `y` of the canvas: easy to tell apart. */
function state(width: number, y = 0): Snapshot {
  const spec: ModelSpec = {
    version: 1,
    inputs: ["input"],
    nodes: [{ id: "input", type: "InputLayer", params: { shape: [width] } }],
    edges: [],
    outputs: ["input"],
  };
  return { spec, layout: { input: { x: 0, y } } };
}

describe("recordEdit", () => {
  it("adds an undo step per edit and forgets what was undone", () => {
    const history = recordEdit({ past: [], future: [state(9)] }, state(1), {
      now: 1000,
      last: null,
    });
    expect(history).toEqual({ past: [state(1)], future: [], lastEdit: null });
  });

  it("makes quick edits with the same key one step, and a pause or another key a new one", () => {
    const first = recordEdit({ past: [], future: [] }, state(1), {
      coalesce: "params:dense",
      now: 1000,
      last: null,
    });
    expect(first.lastEdit).toEqual({ key: "params:dense", at: 1000 });
    // Typing on in the same field within the window: no new step.
    const typing = recordEdit(first, state(2), {
      coalesce: "params:dense",
      now: 1000 + COALESCE_MS - 1,
      last: first.lastEdit,
    });
    expect(typing.past).toEqual([state(1)]);
    // After a pause, the same field starts a new step...
    const later = recordEdit(typing, state(3), {
      coalesce: "params:dense",
      now: 1000 + 2 * COALESCE_MS,
      last: typing.lastEdit,
    });
    expect(later.past).toEqual([state(1), state(3)]);
    // ... and so does another field at once.
    const other = recordEdit(later, state(4), {
      coalesce: "params:conv",
      now: 1000 + 2 * COALESCE_MS + 1,
      last: later.lastEdit,
    });
    expect(other.past).toHaveLength(3);
    // An edit without a key never continues one.
    const plain = recordEdit(other, state(5), { now: 1, last: other.lastEdit });
    expect(plain.past).toHaveLength(4);
    expect(plain.lastEdit).toBeNull();
  });

  it("keeps at most HISTORY_LIMIT steps, dropping the oldest", () => {
    let past: Snapshot[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) past = withStep(past, state(i));
    expect(past).toHaveLength(HISTORY_LIMIT);
    expect(past[0]).toEqual(state(5));
  });
});

describe("undoStep and redoStep", () => {
  it("go back and forth through the history, and do nothing at either end", () => {
    const history = { past: [state(1), state(2)], future: [] };
    const back = undoStep(history, state(3, 50));
    expect(back?.restored).toEqual(state(2));
    expect(back?.history).toEqual({ past: [state(1)], future: [state(3, 50)] });
    const forth = redoStep(back!.history, state(2));
    expect(forth?.restored).toEqual(state(3, 50));
    expect(forth?.history).toEqual({ past: [state(1), state(2)], future: [] });
    expect(undoStep({ past: [], future: [] }, state(1))).toBeNull();
    expect(redoStep(history, state(3))).toBeNull();
  });
});
