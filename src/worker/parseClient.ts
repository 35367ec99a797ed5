import type { ColumnProfile, ParsedTable } from "../core/data/types";
import type { FromParseWorker } from "./protocol";

export interface ParseHandle {
  result: Promise<{ table: ParsedTable; profiles: ColumnProfile[] }>;
  cancel: () => void;
}

/** Parses and profiles a file in a worker of its own, reporting progress in bytes. */
export function parseInWorker(
  file: File,
  onProgress: (bytesRead: number, totalBytes: number) => void,
): ParseHandle {
  const worker = new Worker(new URL("./parse.worker.ts", import.meta.url), {
    type: "module",
    name: "parse",
  });
  let cancel = () => worker.terminate();
  const result = new Promise<{ table: ParsedTable; profiles: ColumnProfile[] }>(
    (resolve, reject) => {
      cancel = () => {
        worker.terminate();
        reject(new DOMException("Parsing was cancelled.", "AbortError"));
      };
      worker.onmessage = (event: MessageEvent<FromParseWorker>) => {
        const message = event.data;
        if (message.type === "progress") {
          onProgress(message.bytesRead, message.totalBytes);
          return;
        }
        worker.terminate();
        if (message.type === "parsed")
          resolve({ table: message.table, profiles: message.profiles });
        else reject(new Error(message.message));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        worker.terminate();
        reject(
          new Error(`“${file.name}” could not be read: ${event.message || "the parser crashed"}.`),
        );
      };
    },
  );
  worker.postMessage({ type: "parse", file });
  return { result, cancel };
}
