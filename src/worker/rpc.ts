/**
 * One typed RPC between the page and its workers. A protocol is a type that maps each method to
 * what its request carries, what it replies and what progress it reports on the way; `serve` (in
 * the worker) must handle every method of it, and `RpcClient.call` (on the page) is typed by it, so
 * a reply of the wrong kind cannot compile where a hand-written switch would throw at run time.
 *
 * On the wire a call is `{rpc: "call", id, method, request}`, answered by any number of
 * `{rpc: "progress", id, value}` and then one `{rpc: "reply", id, value}` or
 * `{rpc: "error", id, message, cancelled}`. Calls run concurrently: a call that arrives while
 * another is awaiting (a cancel during a load, a stop during training) is handled at once.
 */

/** One method: its request, its reply, and the progress it reports before replying (if any). */
export interface Method<Request, Reply, Progress = never> {
  request: Request;
  reply: Reply;
  progress: Progress;
}

/** A protocol: method names to their types (a type alias, e.g. `{ load: Method<…>; … }`). */
export type Protocol = Record<string, Method<unknown, unknown, unknown>>;

export type RequestOf<P extends Protocol, K extends keyof P> = P[K]["request"];
export type ReplyOf<P extends Protocol, K extends keyof P> = P[K]["reply"];
export type ProgressOf<P extends Protocol, K extends keyof P> = P[K]["progress"];

/** What both a Worker (page side) and a worker's `self` (or a MessagePort) offer. */
export interface Endpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  /** MessagePorts deliver only once started; Workers have no such step. */
  start?(): void;
}

type Wire =
  | { rpc: "call"; id: number; method: string; request: unknown }
  | { rpc: "progress"; id: number; value: unknown }
  | { rpc: "reply"; id: number; value: unknown }
  | { rpc: "error"; id: number; message: string; cancelled: boolean };

function isWire(data: unknown): data is Wire {
  return typeof data === "object" && data !== null && "rpc" in data && "id" in data;
}

/** A reply (or progress value) with the buffers to hand over instead of copying them. */
export class Transferring<T> {
  constructor(
    readonly value: T,
    readonly transfer: Transferable[],
  ) {}
}

/** Marks a reply whose buffers move to the other side (they become empty here). */
export function withTransfer<T>(value: T, transfer: Transferable[]): Transferring<T> {
  return new Transferring(value, transfer);
}

/** The call was cancelled: the worker stopped the work (an AbortError) or was ended. */
export class CallCancelledError extends Error {
  override readonly name = "CallCancelledError";
}

/** What a handler may do besides replying. */
export interface CallContext<Progress> {
  /** Reports progress to the caller; throttle fast loops (see throttle.ts). */
  progress(value: Progress, transfer?: Transferable[]): void;
}

type MaybePromise<T> = T | Promise<T>;

export type Handler<M extends Method<unknown, unknown, unknown>> = (
  request: M["request"],
  context: CallContext<M["progress"]>,
) => MaybePromise<M["reply"] | Transferring<M["reply"]>>;

type AnyHandler = Handler<Method<unknown, unknown, unknown>>;

/** One handler per method, none missing and none extra: a new method does not compile unserved. */
export type Handlers<P extends Protocol> = { [K in keyof P]: Handler<P[K]> };

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isAbort(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "name" in error && error.name === "AbortError"
  );
}

/**
 * Answers calls arriving at `endpoint` (a worker's `self`) with `handlers`. Name the protocol
 * (`serve<DataProtocol>(…)`) so that the handlers are checked against it. A handler's throw becomes
 * an error reply (an AbortError a cancelled one); `ready` is awaited before any handler runs.
 */
export function serve<P extends Protocol>(
  endpoint: Endpoint,
  handlers: Handlers<P>,
  options: { ready?: Promise<unknown> } = {},
): void {
  const send = (message: Wire, transfer: Transferable[] = []) =>
    endpoint.postMessage(message, transfer);
  const answer = async (id: number, method: string, request: unknown) => {
    try {
      if (options.ready) await options.ready;
      // Own handlers only: "toString" is no method of any protocol.
      const handler = Object.hasOwn(handlers, method)
        ? (handlers as unknown as Record<string, AnyHandler>)[method]
        : undefined;
      if (!handler) throw new Error(`No such method: ${method}.`);
      const context: CallContext<unknown> = {
        progress: (value, transfer) => send({ rpc: "progress", id, value }, transfer),
      };
      const result = await handler(request, context);
      if (result instanceof Transferring)
        send({ rpc: "reply", id, value: result.value }, result.transfer);
      else send({ rpc: "reply", id, value: result });
    } catch (error) {
      send({ rpc: "error", id, message: errorMessage(error), cancelled: isAbort(error) });
    }
  };
  endpoint.addEventListener("message", (event) => {
    const data: unknown = event.data;
    if (isWire(data) && data.rpc === "call") void answer(data.id, data.method, data.request);
  });
  endpoint.start?.();
}

export interface CallOptions<Progress> {
  /** Buffers of the request to hand over instead of copying (they become empty here). */
  transfer?: Transferable[];
  onProgress?: (value: Progress) => void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (value: unknown) => void;
}

/** Methods whose reply carries nothing: they may be sent without waiting for it. */
type NotifyMethod<P extends Protocol> = {
  [K in keyof P]: P[K]["reply"] extends void ? K : never;
}[keyof P];

/** The calling side: each call is answered by the reply (or error) bearing its id. */
export class RpcClient<P extends Protocol> {
  private pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly endpoint: Endpoint) {
    endpoint.addEventListener("message", (event) => this.receive(event.data));
    endpoint.start?.();
  }

  call<K extends keyof P & string>(
    method: K,
    request: RequestOf<P, K>,
    options: CallOptions<ProgressOf<P, K>> = {},
  ): Promise<ReplyOf<P, K>> {
    const id = this.nextId++;
    return new Promise<ReplyOf<P, K>>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress: options.onProgress as ((value: unknown) => void) | undefined,
      });
      this.send(id, method, request, options.transfer);
    });
  }

  /** Sends a call whose reply nobody waits for (a stop, a cancel): it must get through at once. */
  notify<K extends NotifyMethod<P> & string>(method: K, request: RequestOf<P, K>): void {
    this.send(this.nextId++, method, request);
  }

  /** Fails every call still waiting (the worker crashed or was ended); later replies are dropped. */
  failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const entry of waiting) entry.reject(error);
  }

  private send(id: number, method: string, request: unknown, transfer: Transferable[] = []) {
    const message: Wire = { rpc: "call", id, method, request };
    this.endpoint.postMessage(message, transfer);
  }

  private receive(data: unknown): void {
    if (!isWire(data)) return;
    const entry = this.pending.get(data.id);
    if (!entry) return;
    switch (data.rpc) {
      case "progress":
        entry.onProgress?.(data.value);
        return;
      case "reply":
        this.pending.delete(data.id);
        entry.resolve(data.value);
        return;
      case "error":
        this.pending.delete(data.id);
        entry.reject(
          data.cancelled ? new CallCancelledError(data.message) : new Error(data.message),
        );
        return;
      case "call":
        return;
    }
  }
}

/** A Worker as a connection uses it (a Node test passes a MessagePort that can be ended). */
export interface WorkerLike extends Endpoint {
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface ConnectionOptions {
  /** The worker crashed (a fresh one starts on the next call). */
  onCrash?: () => void;
  /** Sees every failed call and says what its caller gets instead (by default the error itself). */
  onCallFailed?: (error: unknown) => unknown;
}

/**
 * A worker started on the first call and its client. A crash fails the calls in flight with
 * "The <name> worker crashed: …" and the next call starts a fresh worker; `terminate` ends it at
 * once (its calls fail with CallCancelledError).
 */
export class WorkerConnection<P extends Protocol> {
  private current: { worker: WorkerLike; client: RpcClient<P> } | null = null;

  constructor(
    private readonly name: string,
    private readonly create: () => WorkerLike,
    private readonly options: ConnectionOptions = {},
  ) {}

  /** A worker runs now (a stop or cancel has something to reach). */
  get running(): boolean {
    return this.current !== null;
  }

  async call<K extends keyof P & string>(
    method: K,
    request: RequestOf<P, K>,
    options?: CallOptions<ProgressOf<P, K>>,
  ): Promise<ReplyOf<P, K>> {
    try {
      return await this.client().call(method, request, options);
    } catch (error) {
      throw this.options.onCallFailed ? this.options.onCallFailed(error) : error;
    }
  }

  /** Reaches the worker only when one runs: no worker is started to be told to stop. */
  notify<K extends NotifyMethod<P> & string>(method: K, request: RequestOf<P, K>): void {
    this.current?.client.notify(method, request);
  }

  terminate(): void {
    this.end(new CallCancelledError(`The ${this.name} worker was ended.`));
  }

  private client(): RpcClient<P> {
    if (this.current) return this.current.client;
    const worker = this.create();
    const current = { worker, client: new RpcClient<P>(worker) };
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      if (this.current !== current) return;
      this.end(new Error(`The ${this.name} worker crashed: ${event.message || "unknown error"}`));
      this.options.onCrash?.();
    });
    this.current = current;
    return current.client;
  }

  private end(error: Error): void {
    const current = this.current;
    this.current = null;
    current?.worker.terminate();
    current?.client.failAll(error);
  }
}
