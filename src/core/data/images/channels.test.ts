import { describe, expect, it } from "vitest";
import { withChannels } from "./channels";
import type { ImageDataset } from "./types";

const grey: ImageDataset = {
  version: 1,
  sourceName: "digits32.zip",
  size: 2,
  channels: 1,
  fit: "pad",
  classNames: ["a", "b"],
  pixels: Uint8Array.from([0, 10, 200, 255, 7, 7, 7, 7]),
  labels: Int32Array.from([0, 1]),
  paths: ["a/1.png", "b/2.png"],
  count: 2,
  notes: [],
};

describe("withChannels", () => {
  it("repeats each grey in R, G and B, keeping labels and size", () => {
    const rgb = withChannels(grey, 3);
    expect(rgb.channels).toBe(3);
    expect(rgb.pixels).toHaveLength(2 * 2 * 2 * 3);
    expect(Array.from(rgb.pixels.slice(0, 6))).toEqual([0, 0, 0, 10, 10, 10]);
    expect(Array.from(rgb.pixels.slice(21))).toEqual([7, 7, 7]);
    expect(rgb.labels).toBe(grey.labels);
    expect(rgb.size).toBe(2);
  });
  it("comes back to the same greys, and takes the luma of colours", () => {
    expect(Array.from(withChannels(withChannels(grey, 3), 1).pixels)).toEqual(
      Array.from(grey.pixels),
    );
    const red = {
      ...grey,
      channels: 3 as const,
      count: 1,
      size: 1,
      pixels: Uint8Array.from([255, 0, 0]),
    };
    expect(Array.from(withChannels(red, 1).pixels)).toEqual([76]);
  });
  it("returns the same dataset when nothing changes", () => {
    expect(withChannels(grey, 1)).toBe(grey);
  });
});
