import { useStudio } from "../../store";
import { selectProfiles, selectTable } from "../../store/selectors";
import { ColumnTable } from "./ColumnTable";
import { DataPreview } from "./DataPreview";
import { DataUndoNotice } from "./DataUndoNotice";
import { DropZone } from "./DropZone";
import { ImagesPanel } from "./ImagesPanel";
import { LoadAlert } from "./LoadAlert";
import { SmallClassWarning } from "./SmallClassWarning";
import { SplitEditor } from "./SplitEditor";
import { TargetChooser } from "./TargetChooser";
import { plural } from "../../ui/format";
import "./dataset.css";

const IGNORED_REASONS: Partial<Record<string, string>> = {
  identifier: "an identifier: every value differs",
  text: "free text",
  empty: "every value is missing",
};

export function DatasetPanel() {
  const table = useStudio(selectTable);
  const profiles = useStudio(selectProfiles);
  const datasetError = useStudio((s) => s.datasetError);
  const dismiss = useStudio((s) => s.dismissDatasetError);
  const target = useStudio((s) => s.target);
  const classes = profiles.find((p) => p.name === target)?.uniqueCount;
  const settings = useStudio((s) => s.columnSettings);
  // What the person sees left out now, by the type they settled on (not only the inferred one).
  const ignored = settings.filter((s) => s.name !== target && s.type in IGNORED_REASONS);

  return (
    <div className="stack">
      <DropZone />
      <DataUndoNotice />
      <ImagesPanel />
      {datasetError && (
        <LoadAlert
          message={datasetError}
          kept={table && `Your dataset “${table.fileName}” is still loaded.`}
          onDismiss={dismiss}
        />
      )}
      {table && (
        <>
          <p className="summary" data-testid="dataset-summary">
            <strong>{table.fileName}</strong>: {plural(table.rowCount, "row")} ×{" "}
            {plural(table.headers.length, "column")}
            {classes !== undefined && target
              ? ` · “${target}” has ${plural(classes, "distinct value")}`
              : ""}
          </p>
          {(table.notes.length > 0 || ignored.length > 0) && (
            <ul className="status-list" role="status">
              {table.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
              {ignored.length > 0 && (
                <li>
                  Left out of the model (change the type in the column table to use one):{" "}
                  {ignored
                    .map((s) => `${s.name} (${IGNORED_REASONS[s.type] ?? s.type})`)
                    .join(", ")}
                  .
                </li>
              )}
            </ul>
          )}
          <DataPreview />
          <TargetChooser />
          <SmallClassWarning />
          <ColumnTable />
          <SplitEditor />
        </>
      )}
    </div>
  );
}
