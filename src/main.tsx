import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import "./app/styles.css";
import { parseShareRoute } from "./core/share/route";
import { useStudio } from "./store";
import { openLastProject, startAutosave } from "./store/autosave";

// Work is kept in the browser: the last open project comes back, and every change is saved. A
// shared link opens on its own; continuing from it in the studio starts a new project.
startAutosave(useStudio);
if (parseShareRoute(window.location.pathname, window.location.hash).kind === "studio")
  void openLastProject(useStudio);

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element.");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
