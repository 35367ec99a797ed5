/**
 * Thrown when a model cannot be written to ONNX faithfully: `layers` holds the ids of the nodes at
 * fault (empty when the problem is the model as a whole) and the message says why.
 */
export class OnnxExportError extends Error {
  override readonly name = "OnnxExportError";
  readonly layers: string[];

  constructor(message: string, layers: string[] = []) {
    super(message);
    this.layers = layers;
  }
}
