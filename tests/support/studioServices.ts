import { ShareApi } from "../../src/core/share/hostedApi";
import { MemoryOwnerTokenStore } from "../../src/core/share/ownerTokens";
import type { StudioServices } from "../../src/services/studioServices";
import { createStudioStore, type StudioStore } from "../../src/store";
import { deviceDescription, memoryKeyValueStorage } from "../../src/store/backendChoiceStorage";
import { LocalDataService } from "../../src/worker/dataService";
import { LocalImageService } from "../../src/worker/imageService";
import { LocalTrainingRunner } from "../../src/worker/localTrainingRunner";
import { LocalPredictService } from "../../src/worker/predictService";
import { IndexedDbProjectStorage } from "../../src/storage/projectDb";
import { pngDecoder } from "./pngTesting";

let databases = 0;

/**
 * The studio's services as Node runs them, for store tests: the same data, image, training and
 * predict code the workers run, in-process; a project database of its own (on fake-indexeddb,
 * which a test imports when it saves); backend choices and owner tokens in memory; the share API
 * at the page's origin (a test that shares passes its own, e.g. an in-memory server's).
 */
export function nodeStudioServices(overrides: Partial<StudioServices> = {}): StudioServices {
  return {
    data: new LocalDataService(),
    images: new LocalImageService(pngDecoder),
    training: new LocalTrainingRunner(),
    predict: new LocalPredictService(),
    projects: new IndexedDbProjectStorage(`studio-test-${++databases}`),
    share: new ShareApi({ baseUrl: "" }),
    ownerTokens: new MemoryOwnerTokenStore(),
    backendChoices: memoryKeyValueStorage(),
    deviceDescription,
    ...overrides,
  };
}

/** A fresh store on Node services (see nodeStudioServices), with any of them replaced. */
export function createTestStudio(overrides: Partial<StudioServices> = {}): StudioStore {
  return createStudioStore(nodeStudioServices(overrides));
}
