import { useEffect, useRef, useState } from "react";
import { hottestRegion, type Saliency } from "../../core/eval/occlusion";
import type { Prediction } from "../../core/predict/interpret";
import type { TrainedModel } from "../../core/project/trainedModel";
import { useStudio } from "../../store";
import { selectTryPictures } from "../../store/selectors";
import { PictureWithSaliency } from "./PictureWithSaliency";
import { PredictionView } from "./PredictionView";
import { percentPair } from "../../core/predict/probabilityText";
import { messageOf } from "../../core/errors";

/** The picture on show: its bytes at the model's size and what to call it. */
interface Shown {
  pixels: Uint8Array;
  caption: string;
}

/** What the overlay means, in words (the colour is never the only carrier). */
function saliencyText(saliency: Saliency, className: string): string {
  const region = hottestRegion(saliency);
  if (!region) return `Covering no part of the picture lowers the probability of “${className}”.`;
  const [from, to] = percentPair(saliency.probability, saliency.lowestProbability);
  return `Red: covering this part lowers the probability of “${className}” most (most of all at the ${region}; covering one patch takes it from ${from} to as low as ${to}). The deeper the red, the larger the drop.`;
}

/**
 * Try-it for image models: a test picture, or one the person picks, drops or pastes, decoded in
 * the data worker exactly as the dataset was; the class probabilities and an occlusion map of
 * what the answer rests on, both computed in the predict worker.
 */
export function ImageTryIt({ model }: { model: TrainedModel }) {
  const image = model.preprocessing.image;
  const pictures = useStudio(selectTryPictures);
  const decodePicture = useStudio((s) => s.decodePicture);
  const predictPicture = useStudio((s) => s.predictPicture);
  const pictureSaliency = useStudio((s) => s.pictureSaliency);
  const [shown, setShown] = useState<Shown | null>(null);
  const [testIndex, setTestIndex] = useState(0);
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [saliency, setSaliency] = useState<Saliency | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [showMap, setShowMap] = useState(true);
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const request = useStudio((s) => s.tryPictureRequest);
  const handledRequest = useRef(request?.serial ?? 0);
  const perImage = image ? image.size * image.size * image.channels : 0;

  const show = async (next: Shown) => {
    const request = ++latest.current;
    setError(null);
    setShown(next);
    // Never the new picture beside the old answer: the answer goes until the new one comes.
    setPrediction(null);
    setSaliency(null);
    setProgress(null);
    try {
      const answer = await predictPicture(next.pixels);
      if (request !== latest.current) return;
      setPrediction(answer);
      if (answer.kind !== "classification") return;
      const classIndex = answer.probabilities.findIndex((p) => p.className === answer.predicted);
      setProgress({ done: 0, total: 1 });
      const map = await pictureSaliency(next.pixels, classIndex, (done, total) => {
        if (request === latest.current) setProgress({ done, total });
      });
      if (request !== latest.current) return;
      setSaliency(map);
      setProgress(null);
    } catch (failure) {
      if (request !== latest.current) return;
      setProgress(null);
      setError(`The model could not answer: ${messageOf(failure)}`);
    }
  };

  const showTestPicture = (index: number) => {
    if (!pictures || pictures.count === 0) return;
    const at = index % pictures.count;
    const label = pictures.labels[at];
    setTestIndex(at);
    void show({
      pixels: pictures.pixels.slice(at * perImage, (at + 1) * perImage),
      caption: `Test picture ${at + 1} of ${pictures.count}${label ? ` (its class is “${label}”)` : ""}`,
    });
  };

  const tryFile = async (file: File | undefined) => {
    if (!file) return;
    const request = ++latest.current;
    const result = await decodePicture(file).catch((failure: unknown) => ({
      ok: false as const,
      problem: messageOf(failure),
    }));
    if (request !== latest.current) return;
    // A file that is not a picture leaves the picture and answer on show as they were.
    if (!result.ok) {
      setError(result.problem);
      return;
    }
    void show({ pixels: result.pixels, caption: `“${file.name}”` });
  };

  // The first test picture is answered at once, so the panel shows what the model does.
  useEffect(() => {
    showTestPicture(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per model (the key remounts)
  }, []);

  // A picture pressed in the report's gallery: shown and answered here, and brought into view.
  useEffect(() => {
    if (!request || request.serial === handledRequest.current) return;
    handledRequest.current = request.serial;
    showTestPicture(request.testIndex);
    root.current?.scrollIntoView({ block: "start" });
    root.current?.focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request acts
  }, [request]);

  // Paste a picture from the clipboard anywhere on the page while an image model is loaded.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const file = Array.from(event.clipboardData?.files ?? []).find((f) =>
        f.type.startsWith("image/"),
      );
      if (!file) return;
      event.preventDefault();
      void tryFile(file);
    };
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  });

  if (!image) return null;
  const colour = image.channels === 1 ? "grayscale" : "colour";
  const predictedClass = prediction?.kind === "classification" ? prediction.predicted : "";
  return (
    <div className="stack" ref={root} tabIndex={-1} data-testid="image-try-it">
      <div
        className={`drop-zone picture-drop${dragging ? " dragging" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void tryFile(event.dataTransfer.files[0]);
        }}
      >
        <p>
          Drop or paste (Ctrl/Cmd+V) a picture here. It is resized to {image.size}×{image.size}{" "}
          {colour} exactly as the training pictures were.
        </p>
        <button type="button" onClick={() => input.current?.click()}>
          Choose a picture…
        </button>
        <input
          ref={input}
          type="file"
          accept="image/*"
          aria-label="Choose a picture to try"
          className="visually-hidden"
          onChange={(event) => {
            void tryFile(event.target.files?.[0]);
            event.target.value = "";
          }}
        />
        {pictures && pictures.count > 1 && (
          <button
            type="button"
            className="secondary"
            onClick={() => showTestPicture(testIndex + 1)}
          >
            Another test picture
          </button>
        )}
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
          {shown ? " The picture below is still the one answered." : ""}
        </p>
      )}
      {shown && (
        <div className="try-picture-row">
          <figure className="try-picture-figure">
            <PictureWithSaliency
              pixels={shown.pixels}
              size={image.size}
              channels={image.channels}
              label={`${shown.caption}, as the model sees it`}
              saliency={showMap ? saliency : null}
              saliencyLabel={saliency ? saliencyText(saliency, predictedClass) : ""}
            />
            <figcaption>
              {shown.caption}, as the model sees it ({image.size}×{image.size} {colour}).
            </figcaption>
          </figure>
          <div className="stack try-picture-answer">
            {prediction ? (
              <PredictionView prediction={prediction} targetName="class" />
            ) : (
              !error && <p className="hint">Answering…</p>
            )}
            {progress && (
              <label className="hint">
                Mapping what the answer rests on… {progress.done} of {progress.total} patches
                <progress max={progress.total} value={progress.done} />
              </label>
            )}
            {saliency && (
              <p className="saliency-legend" data-testid="saliency-legend">
                <span className="saliency-swatch" aria-hidden="true" />{" "}
                {saliencyText(saliency, predictedClass)} Each {saliency.patchSide}×
                {saliency.patchSide}-pixel patch was covered with the picture’s mean colour in turn.
              </p>
            )}
            {saliency && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={showMap}
                  onChange={(event) => setShowMap(event.target.checked)}
                />{" "}
                Show the map over the picture
              </label>
            )}
          </div>
        </div>
      )}
      {!pictures && !shown && (
        <p className="hint">
          No test pictures of this model are loaded here: choose, drop or paste a picture.
        </p>
      )}
    </div>
  );
}
