import { useReactFlow } from "@xyflow/react";
import { useEffect, useId, useState } from "react";
import { formatShapeForPeople } from "../../core/model/shape";
import { backboneReceives, picturesFitFor } from "../../core/transfer/picturesFit";
import { useStudio } from "../../store";
import { selectPictureSource, selectPictures } from "../../store/selectors";
import { PicturesFitNote } from "./PicturesFitNote";
import { SHIPPED_BACKBONE_PATH } from "../../store/pretrainedSlice";
import { ANIMATED_FIT } from "./fitView";

/**
 * "Start from a pretrained model" for image datasets: a tf.js Layers model by its model.json URL,
 * the same files from disk, or a studio bundle. Shows what was loaded (input size, layers, the
 * proposed cut) and puts it on the canvas as one locked block with a new head.
 */
export function PretrainedSource() {
  const pictures = useStudio(selectPictures);
  const hasImages = pictures !== null;
  const canDecode = useStudio((s) => selectPictureSource(s) !== null);
  const pretrained = useStudio((s) => s.pretrained);
  const status = useStudio((s) => s.pretrainedStatus);
  const error = useStudio((s) => s.pretrainedError);
  const fineTune = useStudio((s) => s.fineTune);
  const loadUrl = useStudio((s) => s.loadPretrainedUrl);
  const loadFiles = useStudio((s) => s.loadPretrainedFiles);
  const usePretrained = useStudio((s) => s.usePretrained);
  const setFineTune = useStudio((s) => s.setFineTune);
  // The backbone arrives on the canvas now or after the pictures are decoded again at its size;
  // either way the new model replaces the old one, so show all of it (the block sits on top).
  const backboneOnCanvas = useStudio((s) => s.spec.nodes.some((node) => node.trainable === false));
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (!backboneOnCanvas) return;
    const timer = setTimeout(() => void fitView(ANIMATED_FIT), 50);
    return () => clearTimeout(timer);
  }, [backboneOnCanvas, fitView]);
  const [url, setUrl] = useState("");
  const id = useId();
  if (!hasImages) return null;
  const loading = status === "loading";
  const backbone = pretrained?.backbone;
  const [height, width, channels] = backbone?.inputShape ?? [0, 0, 0];
  const fit =
    backbone && pictures && height === width
      ? picturesFitFor(backbone.inputShape, pictures, canDecode, backbone.pictures)
      : null;

  return (
    <section
      className="pretrained-source"
      data-testid="pretrained-source"
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>Start from a pretrained model</h3>
      <p className="muted">
        A backbone is a network already trained on other pictures: it knows edges, corners and
        shapes, so only a small head on top of it learns your classes, and a few dozen pictures per
        class go a long way. It is a TensorFlow.js Layers model: a <code>model.json</code> with its
        weight files (<code>.bin</code>), or a bundle (.zip) exported from the studio.
      </p>
      <p className="muted" data-testid="shipped-backbones">
        Backbones that ship with the studio: <strong>shapes-cnn</strong> (32×32 RGB pictures,
        trained on six drawn shapes with varied colours and backgrounds). Keras and TensorFlow
        models become one with <code>tensorflowjs_converter</code>.
      </p>
      <form
        className="pretrained-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (url.trim()) void loadUrl(url.trim());
        }}
      >
        <label htmlFor={`${id}-url`}>Address of a tf.js model.json</label>
        <input
          id={`${id}-url`}
          type="url"
          placeholder="https://…/model.json"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
        />
        <button type="submit" disabled={loading || !url.trim()}>
          Load
        </button>
        <button
          type="button"
          className="secondary"
          disabled={loading}
          onClick={() => {
            const shipped = new URL(SHIPPED_BACKBONE_PATH, window.location.href).href;
            setUrl(shipped);
            void loadUrl(shipped);
          }}
        >
          Try the studio's shapes backbone
        </button>
      </form>
      <div className="pretrained-row">
        <label className="button secondary file-button">
          Choose model.json and its .bin files, or a bundle (.zip)…
          <input
            className="visually-hidden"
            type="file"
            multiple
            accept=".json,.bin,.zip"
            disabled={loading}
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = "";
              if (files.length > 0) void loadFiles(files);
            }}
          />
        </label>
      </div>
      {loading && <p role="status">Loading the model…</p>}
      {error && (
        <div className="alert" role="alert">
          <p>{error}</p>
        </div>
      )}
      {backbone && (
        <div className="pretrained-loaded" data-backbone={backbone.name}>
          <p>
            <strong>{backbone.name}</strong>: takes {height}×{width}×{channels} pictures ·{" "}
            {backbone.layerCount} layers · {backbone.paramCount.toLocaleString()} parameters.
            Proposed cut: <code>{backbone.cutId}</code>, giving{" "}
            {formatShapeForPeople(backbone.featureShape)} features
            {backbone.droppedAfterCut.length > 0 &&
              ` (leaves out ${backbone.droppedAfterCut.join(", ")})`}
            .
          </p>
          {pictures && height === width && (
            <p className="hint" data-testid="backbone-receives">
              {backboneReceives(backbone.inputShape, pictures, backbone.pictures, canDecode)}
            </p>
          )}
          <button
            type="button"
            onClick={usePretrained}
            aria-describedby={fit ? `${id}-fit` : undefined}
          >
            Use it: locked backbone + new head
          </button>
          {fit && <PicturesFitNote id={`${id}-fit`} fit={fit} onFix={usePretrained} />}
          <fieldset className="pretrained-fine-tune">
            <legend>Fine-tune after the head has trained</legend>
            <label>
              Unfreeze the top{" "}
              <input
                type="number"
                min={0}
                max={backbone.layerCount}
                value={fineTune.layers}
                aria-label="Layers to unfreeze (0: keep the backbone frozen)"
                onChange={(event) =>
                  setFineTune({ layers: Math.max(0, Number(event.target.value) || 0) })
                }
              />{" "}
              layers with weights (0 keeps the backbone frozen)
            </label>
            <label>
              for{" "}
              <input
                type="number"
                min={1}
                max={100}
                value={fineTune.epochs}
                aria-label="Fine-tuning epochs"
                onChange={(event) =>
                  setFineTune({ epochs: Math.max(1, Number(event.target.value) || 1) })
                }
              />{" "}
              epochs at{" "}
              <input
                type="number"
                min={0.001}
                max={1}
                step={0.01}
                value={fineTune.learningRateFactor}
                aria-label="Fine-tuning learning rate, as a fraction of the run's"
                onChange={(event) =>
                  setFineTune({
                    learningRateFactor: Math.min(
                      1,
                      Math.max(0.001, Number(event.target.value) || 0.1),
                    ),
                  })
                }
              />{" "}
              × the learning rate
            </label>
          </fieldset>
        </div>
      )}
    </section>
  );
}
