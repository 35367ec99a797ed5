/**
 * The studio runs under a Content-Security-Policy without 'unsafe-eval' (server/security.ts).
 * Zod's JIT would probe `new Function` on first use — refused, and reported as a violation on
 * every page and worker — so its plain parser is used everywhere. Imported first by the page and
 * by each worker.
 */
import { z } from "zod";

z.config({ jitless: true });
