import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// The page-wide styles first: each feature's own stylesheet, imported by its components, comes after.
import "./app/styles.css";
import { App } from "./app/App";
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
