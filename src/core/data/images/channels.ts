import type { ImageChannels, ImageDataset } from "./types";

/**
 * The same pictures with `channels` channels: grayscale → RGB repeats the grey in R, G and B;
 * RGB → grayscale takes the luma (0.299 R + 0.587 G + 0.114 B, rounded). Labels, paths and size
 * are unchanged. Lets pictures kept as decoded feed a backbone of the other colour without the
 * files they came from.
 */
export function withChannels(dataset: ImageDataset, channels: ImageChannels): ImageDataset {
  if (dataset.channels === channels) return dataset;
  const perImage = dataset.size * dataset.size;
  const total = dataset.count * perImage;
  const from = dataset.pixels;
  const pixels = new Uint8Array(total * channels);
  if (channels === 3) {
    for (let i = 0; i < total; i++) {
      const grey = from[i] ?? 0;
      pixels[i * 3] = grey;
      pixels[i * 3 + 1] = grey;
      pixels[i * 3 + 2] = grey;
    }
  } else {
    for (let i = 0; i < total; i++) {
      const r = from[i * 3] ?? 0;
      const g = from[i * 3 + 1] ?? 0;
      const b = from[i * 3 + 2] ?? 0;
      pixels[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  return { ...dataset, channels, pixels };
}
