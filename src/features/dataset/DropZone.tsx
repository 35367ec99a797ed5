import { useRef, useState } from "react";
import { MAX_FILE_BYTES } from "../../core/data/csv";
import { SAMPLES } from "../../store/datasetSlice";
import { useStudio } from "../../store";

export function DropZone() {
  const loadFile = useStudio((s) => s.loadFile);
  const loadSample = useStudio((s) => s.loadSample);
  const status = useStudio((s) => s.datasetStatus);
  const progress = useStudio((s) => s.parseProgress);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void loadFile(file);
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
          take(event.dataTransfer.files);
        }}
      >
        <p>
          <strong>Drop a table here</strong> (CSV, TSV or semicolon-separated, with a header row, up
          to {MAX_FILE_BYTES / 1024 / 1024} MB)
        </p>
        <label className="button secondary file-button">
          Choose a file…
          <input
            ref={inputRef}
            className="visually-hidden"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            onChange={(event) => {
              take(event.target.files);
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
