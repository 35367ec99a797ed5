import {
  buildImageDataset,
  type ImageBuildResult,
  type SquareDecoder,
} from "../core/data/images/build";
import { extensionOf } from "../core/data/images/labels";
import { decodePicture, type PictureResult } from "../core/data/images/picture";
import type {
  DroppedFile,
  ImageLoadRequest,
  ImageService,
  PictureShape,
} from "../services/imageService";
import { readZipImages, ZipRefusedError, type ZipLimits } from "../core/data/images/zip";

/**
 * Loading image datasets, in the data worker: zips are opened (with limits), files read, pictures
 * decoded and resized by a SquareDecoder. The page sends File handles and gets back the bytes
 * [N, H, W, C] (transferred), never decoding a picture itself.
 */

export class LocalImageService implements ImageService {
  private loading: AbortController | null = null;

  constructor(
    private readonly decode: SquareDecoder,
    private readonly zipLimits?: ZipLimits,
  ) {}

  async loadImages(
    dropped: DroppedFile[],
    request: ImageLoadRequest,
    onProgress: (done: number, total: number) => void,
  ): Promise<ImageBuildResult> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const files: Array<{ path: string; bytes: Uint8Array }> = [];
    const skippedBefore: string[] = [];
    try {
      for (const { path, file } of dropped) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (extensionOf(path) !== "zip") {
          files.push({ path, bytes });
          continue;
        }
        const zip = readZipImages(bytes, this.zipLimits);
        files.push(...zip.files.map((entry) => ({ path: entry.name, bytes: entry.bytes })));
        skippedBefore.push(...zip.skipped);
      }
    } catch (error) {
      if (error instanceof ZipRefusedError) return { ok: false, problem: error.message };
      throw error;
    }
    try {
      return await buildImageDataset(
        files,
        { ...request, skippedBefore },
        this.decode,
        onProgress,
        controller.signal,
      );
    } finally {
      if (this.loading === controller) this.loading = null;
    }
  }

  cancelImages(): void {
    this.loading?.abort();
  }

  async decodePicture(file: Blob, name: string, image: PictureShape): Promise<PictureResult> {
    return decodePicture(new Uint8Array(await file.arrayBuffer()), name, image, this.decode);
  }
}
