import { describe, expect, it } from "vitest";
import { countDone, throttle } from "./throttle";

describe("throttle", () => {
  it("passes the first call, then at most one per interval, and always the last", () => {
    let clock = 1000;
    const sent: string[] = [];
    const report = throttle(
      100,
      countDone,
      (done: number, total: number) => sent.push(`${done}/${total}`),
      () => clock,
    );
    for (let done = 1; done <= 10; done++) {
      report(done, 10);
      clock += 30;
    }
    // At 1000 (first), 1120, 1240 (each ≥ 100 ms after the last sent), and the last one.
    expect(sent).toEqual(["1/10", "5/10", "9/10", "10/10"]);
  });
});
