/** A tensor shape with the batch dimension first, `null` where it is not fixed: `[null, 13, 13, 8]`. */
export type Shape = Array<number | null>;

/** A problem a layer has with its inputs or parameters; the message tells a person how to fix it. */
export class LayerShapeError extends Error {
  override readonly name = "LayerShapeError";
}

export function formatShape(shape: Shape): string {
  return `[${shape.map((dim) => (dim === null ? "null" : String(dim))).join(",")}]`;
}

/** Product of the fixed dimensions after the batch dimension (null when one is not fixed). */
export function featureSize(shape: Shape): number | null {
  let size = 1;
  for (const dim of shape.slice(1)) {
    if (dim === null) return null;
    size *= dim;
  }
  return size;
}
