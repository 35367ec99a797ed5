import { useMemo } from "react";
import { classCounts, describeImageDataset } from "../../core/data/images/build";
import { IMAGE_FITS, MAX_IMAGE_SIZE, MIN_IMAGE_SIZE } from "../../core/data/images/types";
import type { ImageDataset, ImageFit } from "../../core/data/images/types";
import { useStudio } from "../../store";
import { selectImageStatus, selectPictures } from "../../store/selectors";
import { ImageThumbnail } from "../../ui/ImageThumbnail";
import { SplitEditor } from "./SplitEditor";
import { AugmentationControls } from "./AugmentationControls";
import { ImageImbalanceWarning } from "./ImageImbalanceWarning";
import { LoadAlert } from "./LoadAlert";

const FIT_LABELS: Record<ImageFit, string> = {
  stretch: "Stretch to square",
  crop: "Crop the centre",
  pad: "Pad (keep aspect ratio)",
};

/** Thumbnails shown per class in the gallery. */
const THUMBNAILS_PER_CLASS = 8;

function ImageGallery({ dataset }: { dataset: ImageDataset }) {
  const counts = useMemo(() => classCounts(dataset), [dataset]);
  const examples = useMemo(() => {
    const byClass = dataset.classNames.map(() => [] as number[]);
    dataset.labels.forEach((label, i) => {
      const list = byClass[label];
      if (list && list.length < THUMBNAILS_PER_CLASS) list.push(i);
    });
    return byClass;
  }, [dataset]);
  return (
    <div className="image-gallery" data-testid="image-gallery">
      {dataset.classNames.map((name, c) => (
        <section key={name} className="gallery-class" data-class={name} data-count={counts[c]}>
          <h4>
            {name} <small>({counts[c]} images)</small>
          </h4>
          <div className="thumbnails">
            {(examples[c] ?? []).map((i) => (
              <ImageThumbnail
                key={i}
                dataset={dataset}
                index={i}
                label={dataset.paths[i] ?? name}
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function ImageSettingsForm({ dataset }: { dataset: ImageDataset }) {
  const setSettings = useStudio((s) => s.setImageSettings);
  const busy = useStudio((s) => selectImageStatus(s) === "loading");
  return (
    <div className="image-settings">
      <label>
        Size (pixels, {MIN_IMAGE_SIZE}–{MAX_IMAGE_SIZE})
        <input
          data-testid="image-size-input"
          type="number"
          min={MIN_IMAGE_SIZE}
          max={MAX_IMAGE_SIZE}
          step={4}
          defaultValue={dataset.size}
          key={dataset.size}
          disabled={busy}
          onBlur={(event) => {
            const size = Math.round(Number(event.target.value));
            if (size >= MIN_IMAGE_SIZE && size <= MAX_IMAGE_SIZE && size !== dataset.size)
              setSettings({ size });
            else event.target.value = String(dataset.size);
          }}
        />
      </label>
      <label>
        Colour
        <select
          data-testid="image-color-select"
          value={dataset.channels === 1 ? "grayscale" : "rgb"}
          disabled={busy}
          onChange={(event) => setSettings({ channels: event.target.value === "rgb" ? 3 : 1 })}
        >
          <option value="grayscale">Grayscale (1 channel)</option>
          <option value="rgb">RGB (3 channels)</option>
        </select>
      </label>
      <label>
        Fit
        <select
          data-testid="image-fit-select"
          value={dataset.fit}
          disabled={busy}
          onChange={(event) => setSettings({ fit: event.target.value as ImageFit })}
        >
          {IMAGE_FITS.map((fit) => (
            <option key={fit} value={fit}>
              {FIT_LABELS[fit]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The image dataset: progress and cancel while decoding, then summary, settings and gallery. */
export function ImagesPanel() {
  const dataset = useStudio(selectPictures);
  const status = useStudio(selectImageStatus);
  const progress = useStudio((s) => s.imageProgress);
  const error = useStudio((s) => s.imageError);
  const cancel = useStudio((s) => s.cancelImageLoad);
  const dismiss = useStudio((s) => s.dismissImageError);
  return (
    <>
      {error && (
        <LoadAlert
          message={error}
          kept={dataset && `Your images “${dataset.sourceName}” are still loaded.`}
          onDismiss={dismiss}
        />
      )}
      {status === "loading" && (
        <div className="progress-row">
          <label>
            Decoding images…{" "}
            {progress && progress.total > 0 ? `${progress.done} of ${progress.total}` : ""}
            <progress max={progress?.total || 1} value={progress?.done ?? 0} />
          </label>
          <button type="button" className="secondary" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {dataset && (
        <>
          <p className="summary" data-testid="dataset-summary">
            <strong>{dataset.sourceName}</strong>: {describeImageDataset(dataset)} · {dataset.size}×
            {dataset.size}×{dataset.channels}
          </p>
          {dataset.notes.length > 0 && (
            <ul className="status-list" role="status">
              {dataset.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <ImageImbalanceWarning dataset={dataset} />
          <ImageSettingsForm dataset={dataset} />
          <SplitEditor />
          <ImageGallery dataset={dataset} />
          <AugmentationControls dataset={dataset} />
        </>
      )}
    </>
  );
}
