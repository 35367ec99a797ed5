/**
 * Entry point: `node dist-server/main.js` (built by `npm run build:server`). Serves the studio from
 * ../dist next to this file, the share API and v2 inference on PORT (4173) and HOST (127.0.0.1),
 * with data under DATA_DIR (./data).
 */
import { fileURLToPath } from "node:url";
import { configFromEnv, createServer } from "./app";

const studio = fileURLToPath(new URL("../dist", import.meta.url));
const app = await createServer(configFromEnv(process.env, studio));
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? "127.0.0.1";
try {
  const address = await app.listen({ port, host });
  console.log(`Model Studio on ${address}/ (data in ${configFromEnv(process.env, null).dataDir})`);
} catch (error) {
  console.error(error);
  process.exit(1);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
