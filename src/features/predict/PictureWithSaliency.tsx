import { useEffect, useRef } from "react";
import type { Saliency } from "../../core/eval/occlusion";

/** Draws bytes [size, size, channels] (0–255) into a canvas of size×size pixels. */
function drawPixels(canvas: HTMLCanvasElement, pixels: Uint8Array, size: number, channels: number) {
  const context = canvas.getContext("2d");
  if (!context) return;
  const image = context.createImageData(size, size);
  for (let p = 0; p < size * size; p++) {
    const r = pixels[p * channels] ?? 0;
    image.data[p * 4] = r;
    image.data[p * 4 + 1] = channels === 3 ? (pixels[p * 3 + 1] ?? 0) : r;
    image.data[p * 4 + 2] = channels === 3 ? (pixels[p * 3 + 2] ?? 0) : r;
    image.data[p * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

/** The deepest red's opacity: half, so the picture always shows through where it matters most. */
const MAX_OVERLAY_OPACITY = 0.5;

/** Red where covering the picture lowers the class's probability, more opaque where it lowers it more. */
function drawHeat(canvas: HTMLCanvasElement, saliency: Saliency) {
  const context = canvas.getContext("2d");
  if (!context) return;
  const { size, heat, maxDrop } = saliency;
  const image = context.createImageData(size, size);
  for (let p = 0; p < size * size; p++) {
    // The square root lifts middling drops into view; the largest stays the most opaque.
    const share = maxDrop > 0 ? Math.min(1, Math.max(0, (heat[p] ?? 0) / maxDrop)) : 0;
    image.data[p * 4] = 255;
    image.data[p * 4 + 1] = 20;
    image.data[p * 4 + 2] = 20;
    image.data[p * 4 + 3] = Math.round(Math.sqrt(share) * MAX_OVERLAY_OPACITY * 255);
  }
  context.putImageData(image, 0, 0);
}

/**
 * The picture as the model sees it (its size and channels, enlarged without smoothing), with the
 * saliency map laid over it when there is one.
 */
export function PictureWithSaliency(props: {
  pixels: Uint8Array;
  size: number;
  channels: number;
  label: string;
  saliency: Saliency | null;
  saliencyLabel: string;
}) {
  const { pixels, size, channels, saliency } = props;
  const picture = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (picture.current) drawPixels(picture.current, pixels, size, channels);
  }, [pixels, size, channels]);
  useEffect(() => {
    if (overlay.current && saliency) drawHeat(overlay.current, saliency);
  }, [saliency]);
  return (
    <div className="try-picture">
      <canvas
        ref={picture}
        width={size}
        height={size}
        role="img"
        aria-label={props.label}
        data-testid="try-picture"
      />
      {saliency && saliency.size === size && (
        <canvas
          ref={overlay}
          width={size}
          height={size}
          className="saliency-overlay"
          role="img"
          aria-label={props.saliencyLabel}
          data-testid="saliency-map"
          data-max-drop={String(saliency.maxDrop)}
        />
      )}
    </div>
  );
}
