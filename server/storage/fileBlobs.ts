/**
 * Bundles as files: `<root>/<id>/<version>.zip`. Names come only from the server's own id and
 * version number (checked here again), never from anything inside an uploaded zip.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BlobStore } from "./types";

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function checked(id: string, version?: number): void {
  if (!SAFE_ID.test(id)) throw new Error(`Refusing an unsafe share id for a file name: ${id}`);
  if (version !== undefined && !(Number.isSafeInteger(version) && version > 0)) {
    throw new Error(`Refusing a bad version number: ${version}`);
  }
}

export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(id: string, version: number): string {
    checked(id, version);
    return join(this.root, id, `${version}.zip`);
  }

  async put(id: string, version: number, bytes: Uint8Array): Promise<void> {
    const target = this.path(id, version);
    await mkdir(join(this.root, id), { recursive: true });
    // Write then rename, so a reader never sees half a bundle.
    const partial = `${target}.partial`;
    try {
      await writeFile(partial, bytes);
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async delete(id: string, version: number): Promise<void> {
    await rm(this.path(id, version), { force: true });
  }

  /** Removes `.partial` files a crash left mid-write (run at start, before any upload). */
  async sweepPartials(): Promise<number> {
    let swept = 0;
    let folders: string[];
    try {
      folders = await readdir(this.root);
    } catch {
      return 0;
    }
    for (const folder of folders.filter((name) => SAFE_ID.test(name))) {
      const names = await readdir(join(this.root, folder)).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith(".partial"))) {
        await rm(join(this.root, folder, name), { force: true });
        swept++;
      }
    }
    return swept;
  }

  async get(id: string, version: number): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.path(id, version)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async deleteAll(id: string): Promise<void> {
    checked(id);
    await rm(join(this.root, id), { recursive: true, force: true });
  }
}
