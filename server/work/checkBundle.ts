/**
 * What the server accepts from a stranger: a bundle whose TrainedModel passes the studio's own
 * import checks (`readBundle`) under the server's tighter size caps, and whose ONNX files are byte
 * for byte what the studio's writer makes from that TrainedModel. The ONNX the server runs is the
 * one it writes here itself; an uploaded graph never reaches ONNX Runtime.
 */
import { BundleError, readZipEntries, type ZipLimits } from "../../src/core/export/bundleZip";
import { readBundle } from "../../src/core/export/readBundle";
import { onnxBundleFiles, servedOnnx } from "../../src/core/export/servedOnnx";
import type { LayerType } from "../../src/core/model/spec";

export interface BundleLimits {
  maxBundleBytes: number;
  maxJsonEntryBytes: number;
}

export interface CheckedBundle {
  name: string;
  task: string;
  /** The bundle entry the server serves (the pipeline for tables). */
  servedEntry: string;
  /** The served model as the server wrote it. */
  onnx: Uint8Array;
  /**
   * Multiply-adds one row costs, for a model of dense layers only (every weight used once a row);
   * null for anything else (convolutions, recurrences), whose cost a weight count does not bound.
   */
  workPerRow: number | null;
}

/**
 * Layers whose cost for one row is at most one multiply-add per weight: a subset of the catalog's
 * LAYER_TYPES (typed by them, so a renamed or misspelt type fails to compile).
 */
const DENSE_ONLY: ReadonlySet<string> = new Set<LayerType>([
  "InputLayer",
  "Dense",
  "Activation",
  "LeakyReLU",
  "Dropout",
  "BatchNormalization",
  "LayerNormalization",
  "Add",
  "Concatenate",
  "Multiply",
]);

/**
 * The caps for a stranger's zip: JSON files unpack to at most `maxJsonEntryBytes` each (checked
 * from the zip's directory, before inflating), everything to at most twice the upload cap (binaries
 * are stored, not deflated, so a bundle the studio wrote unpacks to about its own size).
 */
export function zipLimitsOf(limits: BundleLimits): ZipLimits {
  return {
    maxTotalBytes: 2 * limits.maxBundleBytes,
    maxEntryBytes: (name) => (name.endsWith(".json") ? limits.maxJsonEntryBytes : undefined),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** @throws BundleError (or OnnxExportError) with a message a person can act on. */
export function checkBundle(bytes: Uint8Array, limits: BundleLimits): CheckedBundle {
  const zipLimits = zipLimitsOf(limits);
  const model = readBundle(bytes, zipLimits);
  const served = servedOnnx(model);
  const written = onnxBundleFiles(model, served);
  const uploaded = readZipEntries(bytes, Object.keys(written), zipLimits);
  for (const [name, ours] of Object.entries(written)) {
    const theirs = uploaded.get(name);
    if (!theirs) {
      throw new BundleError(
        `The bundle has no ${name}. Export the bundle again from the studio and upload the whole .zip.`,
      );
    }
    if (!sameBytes(theirs, ours)) {
      throw new BundleError(
        `The bundle's ${name} is not the ONNX the studio writes for this model; the server runs only ONNX it writes itself. Export the bundle again from the studio.`,
      );
    }
  }
  return {
    name: model.name,
    task: model.task,
    servedEntry: served.entry,
    onnx: served.bytes,
    workPerRow: model.spec.nodes.every((node) => DENSE_ONLY.has(node.type))
      ? model.weights.reduce((n, w) => n + w.values.length, 0)
      : null,
  };
}
