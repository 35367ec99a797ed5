/// <reference lib="webworker" />
import type { SquareDecoder } from "../core/data/images/build";
import { placement } from "../core/data/images/fit";

/**
 * The data worker's decoder: the browser decodes (createImageBitmap: PNG, JPEG, WebP, GIF's first
 * frame, BMP) and an OffscreenCanvas resizes with `placement`. Runs only in a worker, never on the
 * page. One canvas per size is reused, since thousands of pictures go through it.
 */
let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

export const canvasDecoder: SquareDecoder = async (bytes, size, fit) => {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart]));
  try {
    if (!canvas || canvas.width !== size) {
      canvas = new OffscreenCanvas(size, size);
      context = canvas.getContext("2d", { willReadFrequently: true });
    }
    if (!context) throw new Error("This browser has no 2D canvas in workers.");
    const place = placement(bitmap.width, bitmap.height, size, fit);
    context.clearRect(0, 0, size, size);
    context.imageSmoothingQuality = "high";
    context.drawImage(
      bitmap,
      place.sx,
      place.sy,
      place.sw,
      place.sh,
      place.dx,
      place.dy,
      place.dw,
      place.dh,
    );
    return context.getImageData(0, 0, size, size).data;
  } finally {
    bitmap.close();
  }
};
