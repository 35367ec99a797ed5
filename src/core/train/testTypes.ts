export type { ArraySplit, TrainingData } from "./types";
export type { BackendNote as BackendNoteLike } from "./run";
