import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// The page-wide styles first: each feature's own stylesheet, imported by its components, comes after.
import "./app/styles.css";
import { App } from "./app/App";
import { ShareApi } from "./core/share/hostedApi";
import { parseShareRoute } from "./core/share/route";
import type { StudioServices } from "./services/studioServices";
import { createStudioStore, providePageStore } from "./store";
import { openLastProject, startAutosave } from "./store/autosave";
import { browserBackendChoices, deviceDescription } from "./store/backendChoiceStorage";
import { browserOwnerTokens } from "./store/shareTokens";
import { WorkerDataService } from "./worker/dataClient";
import { WorkerPredictService } from "./worker/predictClient";
import { IndexedDbProjectStorage } from "./storage/projectDb";
import { TrainingClient } from "./worker/trainingClient";

/** The page's services: the workers (each started on its first request) and browser storage. */
function browserServices(): StudioServices {
  const dataWorker = new WorkerDataService();
  return {
    data: dataWorker,
    images: dataWorker,
    training: new TrainingClient(),
    predict: new WorkerPredictService(),
    projects: new IndexedDbProjectStorage(),
    share: new ShareApi({ baseUrl: "" }),
    ownerTokens: browserOwnerTokens(),
    backendChoices: browserBackendChoices(),
    deviceDescription,
  };
}

const studio = createStudioStore(browserServices());
providePageStore(studio);

// Work is kept in the browser: the last open project comes back, and every change is saved. A
// shared link opens on its own; continuing from it in the studio starts a new project.
startAutosave(studio);
if (parseShareRoute(window.location.pathname, window.location.hash).kind === "studio")
  void openLastProject(studio);

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element.");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
