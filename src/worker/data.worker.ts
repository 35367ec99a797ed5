/// <reference lib="webworker" />
import "../core/zodConfig";
import { canvasDecoder } from "./canvasDecoder";
import { dataHandlers } from "./dataHandlers";
import { LocalDataService } from "./dataService";
import { LocalImageService } from "./imageService";
import type { DataProtocol } from "./protocol";
import { serve } from "./rpc";

serve<DataProtocol>(
  self,
  dataHandlers(new LocalDataService(), new LocalImageService(canvasDecoder)),
);
