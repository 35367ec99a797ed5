import { useEffect, useMemo, useRef } from "react";
import { imageExamples } from "../../core/data/images/mistakes";
import type { ClassificationReport } from "../../core/eval/types";
import { useStudio } from "../../store";
import { selectPictures } from "../../store/selectors";
import { ImageThumbnail } from "../../ui/ImageThumbnail";
import "./evaluation.css";

/**
 * Image models: the test pictures the model got wrong (most confident first), or, after a click on
 * a confusion-matrix cell, that cell's pictures.
 */
export function ImageMistakes({
  report,
  cell,
  onClearCell,
}: {
  report: ClassificationReport;
  cell: { actual: number; predicted: number } | null;
  onClearCell: () => void;
}) {
  const evaluation = useStudio((s) => s.evaluation);
  const images = useStudio((s) => s.imageTestImages);
  const dataset = useStudio(selectPictures);
  const predictions = evaluation?.predictions;
  const openPictureInTryIt = useStudio((s) => s.openPictureInTryIt);
  const heading = useRef<HTMLHeadingElement>(null);
  // A click on a matrix cell filters pictures far below the matrix: bring them into view and move
  // the focus to their heading, so a screen reader says what is shown.
  const cellKey = cell ? `${cell.actual}-${cell.predicted}` : null;
  useEffect(() => {
    if (cellKey === null || !heading.current) return;
    heading.current.focus({ preventScroll: true });
    heading.current.scrollIntoView({ block: "start" });
  }, [cellKey]);
  const examples = useMemo(() => {
    if (!predictions || predictions.task !== "classification") return [];
    const classCount = report.classNames.length;
    return imageExamples(
      predictions.actual,
      predictions.predicted,
      predictions.probabilities,
      classCount,
      cell,
    );
  }, [predictions, report, cell]);
  if (!images || !dataset || !predictions) return null;
  const picture = { pixels: images.pixels, size: dataset.size, channels: dataset.channels };
  const name = (c: number) => report.classNames[c] ?? String(c);
  return (
    <section className="stack" aria-labelledby="image-examples-heading">
      <h3 id="image-examples-heading" ref={heading} tabIndex={-1}>
        {cell
          ? `Test pictures of “${name(cell.actual)}” predicted as “${name(cell.predicted)}”`
          : "Test pictures the model got wrong (most confident first)"}
      </h3>
      <p className="hint">
        Under each picture: its actual class → the class the model predicted, and how sure the model
        was. Press a picture to open it in Try it, with what the answer rests on.
      </p>
      {cell && (
        <button type="button" className="link-button" onClick={onClearCell}>
          Show all mistakes again
        </button>
      )}
      <div
        className="image-examples"
        data-testid={cell ? "confusion-examples" : "misclassified-gallery"}
      >
        {examples.length === 0 && <p className="hint">None.</p>}
        {examples.map((example) => (
          <figure
            key={example.testIndex}
            className="image-example"
            data-actual={name(example.actual)}
            data-predicted={name(example.predicted)}
            data-confidence={example.confidence}
          >
            <button
              type="button"
              className="image-example-open"
              title="Open in Try it"
              onClick={() => openPictureInTryIt(example.testIndex)}
            >
              <ImageThumbnail
                dataset={picture}
                index={example.testIndex}
                label={`Open in Try it: actual ${name(example.actual)}, predicted ${name(example.predicted)}`}
              />
            </button>
            <figcaption>
              {name(example.actual)} → {name(example.predicted)}{" "}
              <small>{(example.confidence * 100).toFixed(0)}%</small>
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
