import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import "./app/styles.css";
import { useStudio } from "./store";
import { openLastProject, startAutosave } from "./store/autosave";

// Work is kept in the browser: the last open project comes back, and every change is saved.
startAutosave(useStudio);
void openLastProject(useStudio);

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element.");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
