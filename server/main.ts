/**
 * Entry point: `node dist-server/main.js` (built by `npm run build:server`). Serves the studio from
 * ../dist next to this file, the share API and v2 inference on PORT (4173) and HOST (127.0.0.1),
 * with data under DATA_DIR (./data, made absolute at start); every limit is read in config.ts.
 */
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createServer } from "./app";
import { configFromEnv } from "./config";

let config;
try {
  config = configFromEnv(process.env, {
    staticDir: fileURLToPath(new URL("../dist", import.meta.url)),
    workerFile: new URL("./worker.js", import.meta.url),
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const app = await createServer(config);
try {
  const address = await app.listen({ port: config.listen.port, host: config.listen.host });
  // PORT=0 picks a free port: links name the one actually bound.
  config.listen.port = (app.server.address() as AddressInfo).port;
  console.log(`Model Studio on ${address}/ (data in ${config.dataDir})`);
} catch (error) {
  console.error(error);
  process.exit(1);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
