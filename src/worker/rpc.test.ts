import { afterEach, describe, expect, it } from "vitest";
import {
  CallCancelledError,
  RpcClient,
  serve,
  withTransfer,
  WorkerConnection,
  type Handlers,
  type Method,
  type WorkerLike,
} from "./rpc";

/** A small protocol that exercises every part of the RPC. */
type TestProtocol = {
  add: Method<{ a: number; b: number }, number>;
  /** Counts to `to`, reporting each step, after waiting `delayMs`. */
  count: Method<{ to: number; delayMs: number }, string, { done: number; total: number }>;
  /** Sums a transferred buffer and answers with a transferred one. */
  sum: Method<{ values: Float32Array }, { total: number; doubled: Float32Array }>;
  /** Waits until `release` is called with the same key. */
  wait: Method<{ key: string }, string>;
  release: Method<{ key: string }, void>;
  fail: Method<{ abort: boolean }, never>;
};

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function testHandlers(): Handlers<TestProtocol> {
  const waiting = new Map<string, () => void>();
  return {
    add: ({ a, b }) => a + b,
    count: async ({ to, delayMs }, { progress }) => {
      await sleep(delayMs);
      for (let done = 1; done <= to; done++) progress({ done, total: to });
      return `counted to ${to}`;
    },
    sum: ({ values }) => {
      const doubled = values.map((v) => v * 2);
      const total = values.reduce((s, v) => s + v, 0);
      return withTransfer({ total, doubled }, [doubled.buffer]);
    },
    wait: ({ key }) => new Promise((resolve) => waiting.set(key, () => resolve(`released ${key}`))),
    release: ({ key }) => waiting.get(key)?.(),
    fail: ({ abort }) => {
      if (abort) throw new DOMException("The load was cancelled.", "AbortError");
      throw new Error("That did not work.");
    },
  };
}

/** A worker stand-in: the two ends of a real MessageChannel, the "worker" serving on one. */
function channel() {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  serve<TestProtocol>(port2, testHandlers());
  return port1;
}

describe("RpcClient and serve over a MessageChannel", () => {
  it("answers each call with its own reply, whatever order they finish in", async () => {
    const client = new RpcClient<TestProtocol>(channel());
    const slow = client.call("count", { to: 1, delayMs: 30 });
    const fast = client.call("add", { a: 2, b: 3 });
    expect(await fast).toBe(5);
    expect(await slow).toBe("counted to 1");
  });

  it("delivers progress in order before the reply", async () => {
    const client = new RpcClient<TestProtocol>(channel());
    const seen: string[] = [];
    const reply = await client.call(
      "count",
      { to: 3, delayMs: 0 },
      { onProgress: ({ done, total }) => seen.push(`${done}/${total}`) },
    );
    seen.push(reply);
    expect(seen).toEqual(["1/3", "2/3", "3/3", "counted to 3"]);
  });

  it("hands buffers over both ways instead of copying them", async () => {
    const client = new RpcClient<TestProtocol>(channel());
    const values = Float32Array.from([1, 2, 3.5]);
    const reply = client.call("sum", { values }, { transfer: [values.buffer] });
    // Moved to the other side: nothing is left here.
    expect(values.byteLength).toBe(0);
    const { total, doubled } = await reply;
    expect(total).toBe(6.5);
    expect(Array.from(doubled)).toEqual([2, 4, 7]);
  });

  it("handles a call that arrives while another waits (a stop during training)", async () => {
    const client = new RpcClient<TestProtocol>(channel());
    const waiting = client.call("wait", { key: "run-1" });
    client.notify("release", { key: "run-1" });
    expect(await waiting).toBe("released run-1");
  });

  it("turns a handler's error into a rejection with its message, an abort into a cancel", async () => {
    const client = new RpcClient<TestProtocol>(channel());
    const failed = client.call("fail", { abort: false });
    await expect(failed).rejects.toThrow("That did not work.");
    await expect(failed).rejects.not.toBeInstanceOf(CallCancelledError);
    const aborted = client.call("fail", { abort: true });
    await expect(aborted).rejects.toBeInstanceOf(CallCancelledError);
    await expect(aborted).rejects.toThrow("The load was cancelled.");
  });

  it("answers a method the protocol lacks with an error, not a crash", async () => {
    const client = new RpcClient<TestProtocol & { toString: Method<void, string> }>(channel());
    await expect(client.call("toString", undefined)).rejects.toThrow("No such method: toString.");
    expect(await client.call("add", { a: 1, b: 1 })).toBe(2);
  });

  it("waits for `ready` before any handler runs", async () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    let ready = false;
    serve<TestProtocol>(
      port2,
      { ...testHandlers(), add: ({ a, b }) => (ready ? a + b : -1) },
      { ready: sleep(20).then(() => (ready = true)) },
    );
    expect(await new RpcClient<TestProtocol>(port1).call("add", { a: 1, b: 1 })).toBe(2);
  });

  it("must serve every method of the protocol (a compile-time check)", () => {
    const { port1 } = new MessageChannel();
    ports.push(port1);
    const withoutRelease: Partial<Handlers<TestProtocol>> = testHandlers();
    delete withoutRelease.release;
    // @ts-expect-error: "release" has no handler.
    serve<TestProtocol>(port1, withoutRelease);
    // @ts-expect-error: "add" replies a number, not a string.
    serve<TestProtocol>(port1, { ...testHandlers(), add: () => "five" });
    expect(Object.keys(withoutRelease)).not.toContain("release");
  });
});

/** MessagePorts standing in for workers: the connection's `create` makes a new one each time. */
function workers() {
  const started: Array<MessagePort & WorkerLike> = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    serve<TestProtocol>(port2, testHandlers());
    const worker = Object.assign(port1, { terminate: () => port1.close() });
    started.push(worker);
    return worker;
  };
  const crash = (worker: MessagePort, message: string) =>
    worker.dispatchEvent(Object.assign(new Event("error", { cancelable: true }), { message }));
  return { started, create, crash };
}

describe("WorkerConnection", () => {
  it("starts the worker on the first call, not before, and keeps it", async () => {
    const { started, create } = workers();
    const connection = new WorkerConnection<TestProtocol>("test", create);
    expect(connection.running).toBe(false);
    connection.notify("release", { key: "nobody" });
    expect(started).toHaveLength(0);
    expect(await connection.call("add", { a: 1, b: 2 })).toBe(3);
    expect(await connection.call("add", { a: 3, b: 4 })).toBe(7);
    expect(started).toHaveLength(1);
    expect(connection.running).toBe(true);
  });

  it("fails the calls in flight when the worker crashes, and starts a fresh one next", async () => {
    const { started, create, crash } = workers();
    let crashes = 0;
    const connection = new WorkerConnection<TestProtocol>("data", create, {
      onCrash: () => crashes++,
    });
    const waiting = connection.call("wait", { key: "never" });
    const [first] = started;
    if (!first) throw new Error("no worker started");
    crash(first, "out of memory");
    await expect(waiting).rejects.toThrow("The data worker crashed: out of memory");
    expect(crashes).toBe(1);
    expect(connection.running).toBe(false);
    expect(await connection.call("add", { a: 1, b: 1 })).toBe(2);
    expect(started).toHaveLength(2);
  });

  it("ends the worker on terminate: its calls are cancelled and their late replies dropped", async () => {
    const { create } = workers();
    const connection = new WorkerConnection<TestProtocol>("training", create);
    const waiting = connection.call("wait", { key: "run" });
    connection.terminate();
    await expect(waiting).rejects.toBeInstanceOf(CallCancelledError);
    expect(connection.running).toBe(false);
  });
});
