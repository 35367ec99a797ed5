import { useState } from "react";
import { MAX_FILE_BYTES } from "../../core/data/csv";
import { looksLikeImages } from "../../core/data/images/labels";
import type { DroppedFile } from "../../services/imageService";
import { SAMPLES } from "../../store/datasetSlice";
import { useStudio } from "../../store";
import { selectDatasetStatus } from "../../store/selectors";
import { dropName, filesFromDrop, filesFromInput } from "./droppedFiles";

export function DropZone() {
  const loadFile = useStudio((s) => s.loadFile);
  const loadImages = useStudio((s) => s.loadImages);
  const loadSample = useStudio((s) => s.loadSample);
  const status = useStudio(selectDatasetStatus);
  const progress = useStudio((s) => s.parseProgress);
  const [dragging, setDragging] = useState(false);

  // Pictures and zips are image datasets; anything else is read as a table.
  const take = (files: DroppedFile[]) => {
    if (files.length === 0) return;
    if (looksLikeImages(files)) void loadImages(files, dropName(files));
    else if (files[0]?.file instanceof File) void loadFile(files[0].file);
  };

  return (
    <div className="dataset-start">
      <div
        className={`drop-zone${dragging ? " dragging" : ""}`}
        data-testid="dataset-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void filesFromDrop(event.dataTransfer).then(take);
        }}
      >
        <p>
          <strong>Drop a table here</strong> (CSV, TSV or semicolon-separated, with a header row, up
          to {MAX_FILE_BYTES / 1024 / 1024} MB), <strong>or images</strong>: a folder or zip with
          one folder per class, or loose pictures.
        </p>
        <label className="button secondary file-button">
          Choose files…
          <input
            className="visually-hidden"
            type="file"
            multiple
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,.zip,image/png,image/jpeg,image/webp,image/gif,image/bmp"
            onChange={(event) => {
              take(filesFromInput(event.target.files));
              event.target.value = "";
            }}
          />
        </label>
        <label className="button secondary file-button">
          Choose a folder of images…
          <input
            className="visually-hidden"
            type="file"
            // @ts-expect-error webkitdirectory is not in React's input attributes yet.
            webkitdirectory=""
            onChange={(event) => {
              take(filesFromInput(event.target.files));
              event.target.value = "";
            }}
          />
        </label>
      </div>
      <div className="samples">
        <span>Or try a sample:</span>
        {SAMPLES.map((sample) => (
          <button
            key={sample.name}
            type="button"
            className="secondary"
            onClick={() => void loadSample(sample.name)}
          >
            {sample.title} <small>({sample.task})</small>
          </button>
        ))}
      </div>
      {status === "parsing" && progress && (
        <div className="progress-row">
          <label>
            Reading {progress.fileName}…
            <progress max={progress.totalBytes || 1} value={progress.bytesRead} />
          </label>
        </div>
      )}
    </div>
  );
}
