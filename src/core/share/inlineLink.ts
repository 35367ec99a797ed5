/**
 * Inline share links: a whole TrainedModel (its spec, weights, preprocessing, report, curves and
 * sample rows; never the dataset itself) compressed into a URL fragment, `#m=<payload>`. The
 * fragment never reaches a server, so nothing leaves the browser until the person sends the link.
 *
 * Payload = base64url( [format byte] ++ deflate( [u32 LE json length] ++ json ++ float32 LE values ) )
 * where `json` is the model with each weight's `values` left out (name and shape stay), and the
 * values of every weight follow in order. Everything decoded is untrusted: sizes are checked before
 * anything is allocated and the result goes through `migrateTrainedModel`.
 */
import { deflateSync, Inflate } from "fflate";
import type { TrainedModel } from "../project/trainedModel";
import { migrateTrainedModel, TrainedModelFormatError } from "../project/trainedModelSchema";
import { inlineLinkUrl, MAX_INLINE_LINK_CHARS } from "./inlineLinkLimits";

export { INLINE_LINK_KEY, MAX_INLINE_LINK_CHARS } from "./inlineLinkLimits";

/** The first byte of every payload; bump it (and keep reading the old one) when the layout changes. */
export const INLINE_LINK_FORMAT = 1;

/** Decompressed payloads past this are refused (a small link must not unpack into gigabytes). */
export const MAX_INLINE_UNPACKED_BYTES = 64 * 1024 * 1024;

/** A link that cannot be read, with a message a person can act on. */
export class InlineLinkError extends Error {
  override name = "InlineLinkError";
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE64URL_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64URL.length; i++) BASE64URL_INDEX[BASE64URL.charCodeAt(i)] = i;

/** Bytes → base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    chunk +=
      BASE64URL[(n >> 18) & 63]! +
      BASE64URL[(n >> 12) & 63]! +
      (left > 1 ? BASE64URL[(n >> 6) & 63]! : "") +
      (left > 2 ? BASE64URL[n & 63]! : "");
    // Joining pieces keeps a multi-megabyte string from being rebuilt on every append.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  return parts.join("");
}

/** base64url (padding optional) → bytes; throws InlineLinkError on any other character. */
export function fromBase64Url(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "");
  if (clean.length % 4 === 1) {
    throw new InlineLinkError("The link is cut off (its model data has an impossible length).");
  }
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const digit = code < 128 ? BASE64URL_INDEX[code]! : -1;
    if (digit < 0) {
      throw new InlineLinkError(
        `The link is damaged: it holds “${clean[i]}” at position ${i + 1}, which a model link never does. Copy the whole link again.`,
      );
    }
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/**
 * The payload of an inline link for `model` (what follows `#m=`). Its length is the link's cost;
 * compare `inlineLinkFor(...)`'s length with MAX_INLINE_LINK_CHARS before offering it.
 */
export function encodeInlineModel(model: TrainedModel): string {
  const described = {
    ...model,
    weights: model.weights.map(({ name, shape }) => ({ name, shape })),
  };
  const json = new TextEncoder().encode(JSON.stringify(described));
  const valueBytes = model.weights.reduce((n, w) => n + w.values.length * 4, 0);
  const raw = new Uint8Array(4 + json.length + valueBytes);
  const view = new DataView(raw.buffer);
  view.setUint32(0, json.length, true);
  raw.set(json, 4);
  let offset = 4 + json.length;
  for (const weight of model.weights) {
    for (let i = 0; i < weight.values.length; i++, offset += 4) {
      view.setFloat32(offset, weight.values[i]!, true);
    }
  }
  const packed = deflateSync(raw, { level: 9 });
  const framed = new Uint8Array(1 + packed.length);
  framed[0] = INLINE_LINK_FORMAT;
  framed.set(packed, 1);
  return toBase64Url(framed);
}

/** The whole link: `<studioUrl>#m=<payload>` (studioUrl without a fragment, e.g. `https://host/`). */
export function inlineLinkFor(studioUrl: string, model: TrainedModel): string {
  return inlineLinkUrl(studioUrl, encodeInlineModel(model));
}

/** Inflates with a cap, so a hostile link cannot exhaust memory. */
function inflateCapped(packed: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > MAX_INLINE_UNPACKED_BYTES) {
      throw new InlineLinkError(
        `The link unpacks to more than ${MAX_INLINE_UNPACKED_BYTES / 1024 / 1024} MB, more than any model link holds; it was not opened.`,
      );
    }
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    inflater.push(packed, true);
  } catch (error) {
    if (error instanceof InlineLinkError) throw error;
    throw new InlineLinkError(
      "The link is damaged or cut off: its model data does not unpack. Copy the whole link again.",
    );
  }
  if (!ended) {
    throw new InlineLinkError(
      "The link is cut off: its model data ends early. Copy the whole link again.",
    );
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

interface WeightHeader {
  name: unknown;
  shape: unknown;
}

/**
 * Reads a payload made by `encodeInlineModel` back into the TrainedModel (deep-equal). Checks, in
 * order: length, alphabet, format byte, a capped inflate, the JSON header, that the weight values
 * fill exactly the bytes that follow, then `migrateTrainedModel` (version, schema, finite weights).
 * @throws InlineLinkError with a message a person can act on.
 */
export function decodeInlineModel(payload: string): TrainedModel {
  if (payload.length === 0) throw new InlineLinkError("The link holds no model.");
  if (payload.length > MAX_INLINE_LINK_CHARS) {
    throw new InlineLinkError(
      `The link is ${payload.length.toLocaleString("en")} characters long, more than the ${MAX_INLINE_LINK_CHARS.toLocaleString("en")} a model link may have; it was not opened.`,
    );
  }
  const framed = fromBase64Url(payload);
  const format = framed[0];
  if (format !== INLINE_LINK_FORMAT) {
    throw new InlineLinkError(
      format !== undefined && format > INLINE_LINK_FORMAT
        ? `The link was made by a newer studio (link format ${format}); open it there.`
        : "The link is damaged: it does not start like a model link. Copy the whole link again.",
    );
  }
  const raw = inflateCapped(framed.subarray(1));
  if (raw.length < 4) throw new InlineLinkError("The link is cut off: it holds no model.");
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const jsonLength = view.getUint32(0, true);
  if (jsonLength > raw.length - 4) {
    throw new InlineLinkError("The link is damaged: its model description runs past its end.");
  }
  let described: Record<string, unknown>;
  try {
    described = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(raw.subarray(4, 4 + jsonLength)),
    ) as Record<string, unknown>;
  } catch {
    throw new InlineLinkError("The link is damaged: its model description is not valid JSON.");
  }
  if (typeof described !== "object" || described === null || !Array.isArray(described.weights)) {
    throw new InlineLinkError("The link does not hold a trained model.");
  }
  const headers = described.weights as WeightHeader[];
  const counts = headers.map((header) => {
    const shape = header?.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new InlineLinkError("The link is damaged: a weight has no valid shape.");
    }
    return (shape as number[]).reduce((n, d) => n * d, 1);
  });
  const valueBytes = raw.length - 4 - jsonLength;
  const expected = counts.reduce((n, c) => n + c * 4, 0);
  if (valueBytes !== expected) {
    throw new InlineLinkError(
      `The link is damaged: its weights need ${expected} bytes but it holds ${valueBytes}.`,
    );
  }
  let offset = 4 + jsonLength;
  const weights = headers.map((header, index) => {
    const values = new Float32Array(counts[index]!);
    for (let i = 0; i < values.length; i++, offset += 4) values[i] = view.getFloat32(offset, true);
    return { name: header.name, shape: header.shape, values };
  });
  try {
    return migrateTrainedModel({ ...described, weights });
  } catch (error) {
    if (error instanceof TrainedModelFormatError) {
      throw new InlineLinkError(`The link's model cannot be opened. ${error.message}`);
    }
    throw error;
  }
}
