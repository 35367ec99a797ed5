/** zod pieces the kinds' schemas share with the TrainedModel schema (same checks, same messages). */
import { z } from "zod";

export const finite = z.number().refine(Number.isFinite, "must be a finite number");
export const text = z.string().max(100_000);
export const columnName = z.string().max(1_000);
