import type { ImageBuildResult } from "../core/data/images/build";
import type { PictureResult } from "../core/data/images/picture";
import type { ImageChannels, ImageFit, ImagePreprocessing } from "../core/data/images/types";

/**
 * Loading image datasets off the page: the data worker (`worker/dataClient.ts`) in the page,
 * `LocalImageService` in Node tests. The page sends File handles and gets back the bytes
 * [N, H, W, C], never decoding a picture itself.
 */

/** A dropped file and its path inside what was dropped (`cats/1.png`; a zip's own name). */
export interface DroppedFile {
  path: string;
  file: Blob;
}

export interface ImageLoadRequest {
  size: number | null;
  channels: ImageChannels | null;
  fit: ImageFit;
  sourceName: string;
}

export interface ImageService {
  /** Decodes the dropped files into an image dataset; a problem when none can be made. */
  loadImages(
    files: DroppedFile[],
    request: ImageLoadRequest,
    onProgress: (done: number, total: number) => void,
  ): Promise<ImageBuildResult>;
  /** Stops the load under way (its promise rejects with an AbortError). */
  cancelImages(): void;
  /**
   * One picture for try-it, decoded and resized as the model's dataset was (size, channels, fit):
   * bytes [size, size, channels], or what is wrong with the file.
   */
  decodePicture(file: Blob, name: string, image: PictureShape): Promise<PictureResult>;
}

/** The part of ImagePreprocessing that says how a picture becomes the model's bytes. */
export type PictureShape = Pick<ImagePreprocessing, "size" | "channels" | "fit">;
