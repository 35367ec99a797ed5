import "./projects.css";
import { ProjectHeader } from "./ProjectHeader";
import { ProjectList } from "./ProjectList";
import { RunHistory } from "./RunHistory";

/** The open project, every saved project, and the open project's runs. */
export function ProjectsPanel() {
  return (
    <div className="stack">
      <ProjectHeader />
      <h3>Runs</h3>
      <RunHistory />
      <h3>Saved projects</h3>
      <ProjectList />
    </div>
  );
}
