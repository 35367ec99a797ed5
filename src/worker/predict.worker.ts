/// <reference lib="webworker" />
import "../core/zodConfig";
import * as tf from "@tensorflow/tfjs";
import { predictHandlers } from "./predictHandlers";
import type { PredictProtocol } from "./protocol";
import { serve } from "./rpc";

/*
 * Predictions run on tf.js's plain cpu backend: one row (or a CSV of rows) through a small
 * network takes milliseconds there, it starts at once (no WebAssembly to fetch, no GPU context to
 * share with a training run), and it computes the same floats on every machine, so a prediction
 * before export and after import is exactly the same.
 */
const ready = tf.setBackend("cpu").then(() => tf.ready());

serve<PredictProtocol>(self, predictHandlers(), { ready });
