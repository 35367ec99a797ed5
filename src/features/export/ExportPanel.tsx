import { useRef, useState } from "react";
import { useStudio } from "../../store";
import { downloadFile } from "../../ui/download";

function ExportBundle() {
  const model = useStudio((s) => s.trainedModel);
  const exportState = useStudio((s) => s.exportState);
  const exportBundle = useStudio((s) => s.exportBundle);
  const exporting = exportState.state === "exporting";
  // Which model's bundle went to the downloads, to say so until another model replaces it.
  const [downloaded, setDownloaded] = useState<{ fileName: string; model: unknown } | null>(null);

  const run = async () => {
    setDownloaded(null);
    const bundle = await exportBundle();
    if (!bundle) return;
    downloadFile(bundle.bytes as BlobPart, bundle.fileName, "application/zip");
    setDownloaded({ fileName: bundle.fileName, model });
  };

  return (
    <div className="stack">
      <p className="hint">
        {model
          ? `One .zip with “${model.name}” as tf.js files, ONNX (the network, and for tables the whole pipeline from raw columns), a Triton model repository, a KServe InferenceService, the preprocessing, the report and a model card with an example request.`
          : "After training, export the model as one .zip: tf.js, ONNX, Triton and KServe files, the preprocessing, the report and a model card."}
      </p>
      <div className="controls">
        <button
          type="button"
          data-testid="export-button"
          disabled={!model || exporting}
          onClick={() => void run()}
        >
          {exporting ? "Exporting…" : "Export bundle (.zip)"}
        </button>
      </div>
      <p role="status" data-testid="export-status">
        {exporting
          ? "Writing the bundle…"
          : downloaded && downloaded.model === model
            ? `Downloaded ${downloaded.fileName}.`
            : ""}
      </p>
      {exportState.state === "failed" && exportState.model === model && (
        <p className="alert" role="alert">
          The bundle could not be written: {exportState.problem}
        </p>
      )}
    </div>
  );
}

function ImportBundle() {
  const importState = useStudio((s) => s.importState);
  const importBundle = useStudio((s) => s.importBundle);
  // A model trained since, or a dataset loaded since, replaces the opened one.
  const showsImported = useStudio((s) => s.trainedModelOrigin === "bundle");
  const input = useRef<HTMLInputElement>(null);

  return (
    <div className="stack" data-testid="bundle-import">
      <p className="hint">
        Open a bundle (.zip) exported by the studio: its model, report and try-it come back, no
        dataset needed.
      </p>
      <label className="button secondary file-button">
        Open a bundle…
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept=".zip,application/zip"
          disabled={importState.state === "importing"}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file)
              void importBundle(file).finally(() => input.current && (input.current.value = ""));
          }}
        />
      </label>
      {importState.state === "importing" && <p className="hint">Reading the bundle…</p>}
      {importState.state === "failed" && (
        <p className="alert" role="alert">
          This bundle cannot be opened. {importState.problem} The model loaded before stays.
        </p>
      )}
      {importState.state === "imported" && showsImported && (
        <p role="status">
          Opened {importState.fileName}: its model is on the canvas, its report under Evaluation and
          it answers under Try it.
        </p>
      )}
    </div>
  );
}

export function ExportPanel() {
  return (
    <div className="stack">
      <ExportBundle />
      <ImportBundle />
    </div>
  );
}
