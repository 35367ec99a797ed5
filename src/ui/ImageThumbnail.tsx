import { useEffect, useRef } from "react";
import type { ImageDataset } from "../core/data/images/types";
import "./ImageThumbnail.css";

/** One picture of the dataset (bytes [size, size, channels]) drawn at its size, scaled by CSS. */
export function ImageThumbnail({
  dataset,
  index,
  label,
}: {
  dataset: Pick<ImageDataset, "pixels" | "size" | "channels">;
  index: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext("2d");
    if (!context) return;
    const { size, channels } = dataset;
    const perImage = size * size * channels;
    const bytes = dataset.pixels.subarray(index * perImage, (index + 1) * perImage);
    const image = context.createImageData(size, size);
    for (let p = 0; p < size * size; p++) {
      const r = bytes[p * channels] ?? 0;
      image.data[p * 4] = r;
      image.data[p * 4 + 1] = channels === 3 ? (bytes[p * 3 + 1] ?? 0) : r;
      image.data[p * 4 + 2] = channels === 3 ? (bytes[p * 3 + 2] ?? 0) : r;
      image.data[p * 4 + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }, [dataset, index]);
  return (
    <canvas
      ref={ref}
      className="thumbnail"
      width={dataset.size}
      height={dataset.size}
      role="img"
      aria-label={label}
    />
  );
}
