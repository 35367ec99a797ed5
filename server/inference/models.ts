/**
 * Hosted models ready to run, on the main thread: each `share@version`'s served ONNX as the server
 * wrote it (in memory the workers share) and its v2 signature, prepared from the stored bundle by a
 * worker on first use and kept in a cache bounded in bytes (least recently used goes first).
 */
import { HttpError } from "../context";
import type { WorkPool } from "../work/pool";
import type { PreparedModel } from "../work/tasks";

export class ModelRegistry {
  private readonly entries = new Map<string, Promise<PreparedModel>>();
  private readonly sizes = new Map<string, number>();
  private held = 0;

  constructor(
    private readonly pool: WorkPool,
    private readonly budgetBytes: number,
  ) {}

  /** The prepared model of `id@version`, from the bundle `load` reads when not cached. */
  get(id: string, version: number, load: () => Promise<Uint8Array | null>): Promise<PreparedModel> {
    const key = `${id}@${version}`;
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, cached);
      return cached;
    }
    const loading = (async () => {
      const bundle = await load();
      if (!bundle) throw new HttpError(410, "This version's bundle is no longer stored.");
      try {
        return await this.pool.prepare(key, bundle);
      } catch (error) {
        // A stored bundle that no longer passes the checks (stored by an older server) is not run.
        if (error instanceof HttpError && error.statusCode === 400) {
          throw new HttpError(409, `This shared model cannot be served: ${error.message}`);
        }
        throw error;
      }
    })();
    this.entries.set(key, loading);
    loading.then(
      (model) => this.account(key, loading, model.onnx.length),
      () => {
        if (this.entries.get(key) === loading) this.entries.delete(key);
      },
    );
    return loading;
  }

  /** Keeps a model prepared at upload, so its first request does not prepare it again. */
  remember(model: PreparedModel): void {
    const loading = Promise.resolve(model);
    this.entries.set(model.key, loading);
    this.account(model.key, loading, model.onnx.length);
  }

  /** Forgets share `id`'s versions but `keep` (after an update or a deletion). */
  drop(id: string, keep?: number): void {
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(`${id}@`) && key !== `${id}@${keep}`) this.forget(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.sizes.clear();
    this.held = 0;
  }

  private account(key: string, loading: Promise<PreparedModel>, bytes: number): void {
    if (this.entries.get(key) !== loading) return;
    this.held += bytes - (this.sizes.get(key) ?? 0);
    this.sizes.set(key, bytes);
    while (this.held > this.budgetBytes && this.entries.size > 1) {
      const oldest = this.entries.keys().next().value as string;
      if (oldest === key) break;
      this.forget(oldest);
    }
  }

  private forget(key: string): void {
    this.entries.delete(key);
    this.held -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }
}
