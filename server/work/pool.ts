/**
 * The main thread's side of the worker pools (piscina): one for checking bundles and one for
 * inference, so uploads (however hostile) never hold up answers, each with a bounded number of
 * threads, a bounded queue (503 with Retry-After past it), a deadline per task (504; a bundle check
 * still running then ends with its worker, an inference is left to finish: see `run`), and a memory
 * cap per worker. Callers get the worker's answer or an HttpError.
 */
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { HttpError } from "../context";
import type { ServerConfig } from "../config";
import type { InferAnswer, InferTask, PrepareTask, PreparedModel, TaskFailure } from "./tasks";

/** Heap a worker may use before it is stopped (bundles' JSON is capped far below this). */
const WORKER_HEAP_MB = 768;

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${+(ms / 1000).toFixed(1)} s`);

const poolFull = () =>
  new HttpError(503, "The server is busy; try again in a moment.", { "retry-after": "1" });

/** One piscina pool with its own bound on tasks running or waiting. */
class BoundedPool {
  readonly piscina: Piscina;
  /** Tasks running or waiting: refused past threads + queue, before piscina sees them. */
  inFlight = 0;

  constructor(
    workerFile: URL,
    readonly threads: number,
    readonly queue: number,
  ) {
    this.piscina = new Piscina({
      filename: fileURLToPath(workerFile),
      minThreads: 1,
      maxThreads: threads,
      maxQueue: Math.max(1, queue),
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    // A worker that fails outside a task (it cannot start, say) is replaced; the task it held, if
    // any, is refused through its own promise. Unhandled, the event would end the process.
    this.piscina.on("error", (error: unknown) => {
      console.error("A worker thread failed:", error);
    });
  }
}

export class WorkPool {
  private readonly checking: BoundedPool;
  private readonly inference: BoundedPool;

  constructor(private readonly config: ServerConfig) {
    const { limits } = config;
    this.checking = new BoundedPool(
      config.workerFile,
      limits.uploadWorkers,
      limits.maxConcurrentUploads,
    );
    this.inference = new BoundedPool(
      config.workerFile,
      limits.workerThreads,
      limits.maxQueuedTasks,
    );
  }

  /** Each worker's share of the model cache. */
  private get sessionBudgetBytes(): number {
    return Math.max(
      1,
      Math.floor(this.config.limits.modelCacheBytes / this.config.limits.workerThreads),
    );
  }

  /** Checks a bundle and writes its served ONNX (in a worker). @throws HttpError */
  async prepare(key: string, bundle: Uint8Array): Promise<PreparedModel> {
    const { limits } = this.config;
    const task: PrepareTask = {
      key,
      bundle,
      maxBundleBytes: limits.maxBundleBytes,
      maxJsonEntryBytes: limits.maxJsonEntryBytes,
      sessionBudgetBytes: this.sessionBudgetBytes,
    };
    const answer = await this.run<PreparedModel>(
      this.checking,
      "prepare",
      task,
      limits.uploadTimeoutMs,
      {
        deadline: `Checking the bundle took longer than the server's ${seconds(limits.uploadTimeoutMs)} limit; a bundle the studio exported is checked in well under that.`,
        crashed: "Checking the bundle took more memory than the server allows for one bundle.",
        crashStatus: 400,
        stopAtDeadline: true,
      },
    );
    return answer;
  }

  /** Runs a v2 request (in a worker); the answer's JSON text. @throws HttpError */
  async infer(model: PreparedModel, version: number, body: Uint8Array, id: string) {
    const { limits } = this.config;
    const task: InferTask = {
      key: model.key,
      onnx: model.onnx,
      body,
      maxElements: limits.maxInferElements,
      sessionBudgetBytes: this.sessionBudgetBytes,
      modelName: model.key.split("@")[0] ?? "",
      modelVersion: String(version),
      fallbackId: id,
    };
    const answer = await this.run<InferAnswer>(
      this.inference,
      "infer",
      task,
      limits.inferTimeoutMs,
      {
        deadline: `The model took longer than the server's ${seconds(limits.inferTimeoutMs)} limit for one request; send fewer rows at a time.`,
        crashed: "The model's worker stopped while answering; send fewer rows at a time.",
        crashStatus: 503,
        stopAtDeadline: false,
      },
    );
    return answer.json;
  }

  /**
   * Runs `task` in `pool` and answers by `deadlineMs`. `stopAtDeadline`: a task still running then
   * ends with its worker (checking bundles: plain JavaScript, where a hostile zip may spin). An
   * inference is answered 504 at its deadline but left to finish: its worker is inside ONNX Runtime,
   * and ending a thread there aborts the whole process. Its cost is bounded by the element cap, and
   * it holds its place in the pool (503 past threads + queue) until it ends.
   */
  private async run<T extends { ok: true }>(
    pool: BoundedPool,
    name: "prepare" | "infer",
    task: PrepareTask | InferTask,
    deadlineMs: number,
    words: { deadline: string; crashed: string; crashStatus: number; stopAtDeadline: boolean },
  ): Promise<T> {
    if (pool.inFlight >= pool.threads + pool.queue) throw poolFull();
    pool.inFlight++;
    const running = (
      pool.piscina.run(task, {
        name,
        ...(words.stopAtDeadline ? { signal: AbortSignal.timeout(deadlineMs) } : {}),
      }) as Promise<T | TaskFailure>
    ).finally(() => pool.inFlight--);
    // A task answered at its deadline may still fail later; nobody waits for it then.
    running.catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HttpError(504, words.deadline)), deadlineMs);
    });
    let answer: T | TaskFailure;
    try {
      answer = await Promise.race([running, deadline]);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      const err = error as Error & { code?: string };
      if (err.name === "AbortError") throw new HttpError(504, words.deadline);
      if (err.message === "Task queue is at limit") throw poolFull();
      if (err.code === "ERR_WORKER_OUT_OF_MEMORY" || /terminated|exited/i.test(err.message)) {
        throw new HttpError(words.crashStatus, words.crashed);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (!answer.ok) throw new HttpError(answer.status, answer.message);
    return answer;
  }

  async close(): Promise<void> {
    await Promise.all([this.checking.piscina.destroy(), this.inference.piscina.destroy()]);
  }
}
