import * as tf from "@tensorflow/tfjs";
import { deflateSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { makeIrisModel, makeTrainedModel } from "../../../tests/support/testModels";
import type { TrainedModel } from "../project/trainedModel";
import {
  decodeInlineModel,
  encodeInlineModel,
  fromBase64Url,
  inlineLinkFor,
  InlineLinkError,
  MAX_INLINE_LINK_CHARS,
  toBase64Url,
} from "./inlineLink";
import { parseShareRoute } from "./route";

let iris: TrainedModel;
let diabetes: TrainedModel;

beforeAll(async () => {
  await tf.setBackend("cpu");
  iris = await makeIrisModel();
  diabetes = await makeTrainedModel({
    file: "public/samples/diabetes.csv",
    target: "progression",
    task: "regression",
    epochs: 1,
  });
});

/** A payload with its JSON header and values replaced, framed as the encoder frames it. */
function framePayload(json: unknown, values: Float32Array, format = 1): string {
  const header = new TextEncoder().encode(JSON.stringify(json));
  const raw = new Uint8Array(4 + header.length + values.byteLength);
  new DataView(raw.buffer).setUint32(0, header.length, true);
  raw.set(header, 4);
  raw.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), 4 + header.length);
  const packed = deflateSync(raw);
  return toBase64Url(Uint8Array.of(format, ...packed));
}

const withoutValues = (model: TrainedModel) => ({
  ...model,
  weights: model.weights.map(({ name, shape }) => ({ name, shape })),
});

describe("inline links", () => {
  it("carry a classification model there and back, deep-equal, weights bit for bit", () => {
    const payload = encodeInlineModel(iris);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = decodeInlineModel(payload);
    expect(back).toEqual(iris);
    back.weights.forEach((w, i) => expect(w.values).toEqual(iris.weights[i]!.values));
  });

  it("carry a regression model too, and a link for iris stays small", () => {
    expect(decodeInlineModel(encodeInlineModel(diabetes))).toEqual(diabetes);
    const link = inlineLinkFor("https://studio.example/#data", iris);
    expect(link.startsWith("https://studio.example/#m=")).toBe(true);
    expect(link.length).toBeLessThan(MAX_INLINE_LINK_CHARS / 20);
  });

  it("says a truncated link is cut off", () => {
    const payload = encodeInlineModel(iris);
    for (const keep of [payload.length - 7, Math.floor(payload.length / 2), 10]) {
      expect(() => decodeInlineModel(payload.slice(0, keep))).toThrow(
        /cut off|damaged|impossible length/,
      );
    }
  });

  it("says a garbled link is damaged, naming the bad character", () => {
    const payload = encodeInlineModel(iris);
    expect(() => decodeInlineModel(`${payload.slice(0, 40)}%!${payload.slice(42)}`)).toThrow(
      /holds “%” at position 41/,
    );
    // Flipped letters inside the compressed data: the checks catch it, whatever it turns into.
    const flipped = payload.slice(0, 30) + (payload[30] === "A" ? "B" : "A") + payload.slice(31);
    expect(() => decodeInlineModel(flipped)).toThrow(InlineLinkError);
    expect(() => decodeInlineModel("")).toThrow(/holds no model/);
  });

  it("refuses links past the size limit before reading them", () => {
    expect(() => decodeInlineModel("A".repeat(MAX_INLINE_LINK_CHARS + 1))).toThrow(
      /1,000,001 characters long, more than the 1,000,000/,
    );
  });

  it("refuses a link that unpacks into too much (a decompression bomb)", () => {
    const zeros = new Uint8Array(80 * 1024 * 1024);
    const payload = toBase64Url(Uint8Array.of(1, ...deflateSync(zeros, { level: 1 })));
    expect(payload.length).toBeLessThan(MAX_INLINE_LINK_CHARS);
    expect(() => decodeInlineModel(payload)).toThrow(/unpacks to more than 64 MB/);
  });

  it("says which studio made a link of a newer format", () => {
    const payload = framePayload(withoutValues(iris), new Float32Array(0), 7);
    expect(() => decodeInlineModel(payload)).toThrow(/newer studio \(link format 7\)/);
  });

  it("checks the weights against the bytes that follow and through the model schema", () => {
    const values = new Float32Array(iris.weights.reduce((n, w) => n + w.values.length, 0));
    // One number short of what the shapes need.
    expect(() => decodeInlineModel(framePayload(withoutValues(iris), values.subarray(1)))).toThrow(
      /weights need \d+ bytes but it holds \d+/,
    );
    // NaN weights pass the byte count but not the schema.
    values[3] = Number.NaN;
    expect(() => decodeInlineModel(framePayload(withoutValues(iris), values))).toThrow(
      /cannot be opened\. .*NaN or infinite/,
    );
    // A name that is HTML stays text: it round-trips as the same string, nothing is interpreted.
    const named = { ...iris, name: "<img src=x onerror=alert(1)>" };
    expect(decodeInlineModel(encodeInlineModel(named)).name).toBe(named.name);
    // Not a trained model at all.
    expect(() => decodeInlineModel(framePayload({ hello: 1 }, new Float32Array(0)))).toThrow(
      /does not hold a trained model/,
    );
  });

  it("base64url round-trips every length", () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 251) & 255);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });
});

describe("parseShareRoute", () => {
  it("tells the studio, inline links and hosted pages apart", () => {
    expect(parseShareRoute("/", "")).toEqual({ kind: "studio" });
    expect(parseShareRoute("/", "#data")).toEqual({ kind: "studio" });
    expect(parseShareRoute("/", "#m=abc")).toEqual({ kind: "inline", payload: "abc" });
    expect(parseShareRoute("/s/Ab_9-x", "")).toEqual({ kind: "hosted", id: "Ab_9-x" });
    expect(parseShareRoute("/s/Ab_9-x/", "#m=zzz")).toEqual({ kind: "hosted", id: "Ab_9-x" });
    expect(parseShareRoute("/s/%3Cscript%3E", "")).toEqual({ kind: "hosted", id: "" });
    expect(parseShareRoute("/s/%E0%A4%A", "")).toEqual({ kind: "hosted", id: "" });
  });
});
