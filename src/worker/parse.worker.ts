/// <reference lib="webworker" />
import { profileColumns } from "../core/data/columns";
import { CsvError, parseCsv } from "../core/data/csv";
import type { FromParseWorker, ToParseWorker } from "./protocol";

const post = (message: FromParseWorker) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<ToParseWorker>) => {
  const { file } = event.data;
  let lastProgress = 0;
  try {
    const table = await parseCsv(file, {
      fileName: file.name,
      onProgress: (bytesRead, totalBytes) => {
        const now = performance.now();
        if (now - lastProgress < 50 && bytesRead < totalBytes) return;
        lastProgress = now;
        post({ type: "progress", bytesRead, totalBytes });
      },
    });
    post({ type: "parsed", table, profiles: profileColumns(table) });
  } catch (error) {
    const message =
      error instanceof CsvError
        ? error.message
        : `“${file.name}” could not be read: ${error instanceof Error ? error.message : String(error)}`;
    post({ type: "error", message });
  }
};
