/** A tensor shape with the batch dimension first, `null` where it is not fixed: `[null, 13, 13, 8]`. */
export type Shape = Array<number | null>;

/** A problem a layer has with its inputs or parameters; the message tells a person how to fix it. */
export class LayerShapeError extends Error {
  override readonly name = "LayerShapeError";
}

export function formatShape(shape: Shape): string {
  return `[${shape.map((dim) => (dim === null ? "null" : String(dim))).join(",")}]`;
}

/**
 * A shape for people: the batch dimension left out and the rest joined by ×, an unfixed one as
 * "any" ([null, 32, 32, 16] → "32×32×16"; [null, null, 8] → "any×8"). Messages for developers
 * keep formatShape.
 */
export function formatShapeForPeople(shape: Shape): string {
  const rest = shape.slice(1);
  if (rest.length === 0) return "one value";
  return rest.map((dim) => (dim === null ? "any" : String(dim))).join("×");
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
